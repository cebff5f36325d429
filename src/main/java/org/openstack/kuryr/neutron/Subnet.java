package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * A Neutron subnet. Scalars are {@code null} when absent (see the package documentation); lists are
 * never {@code null}.
 *
 * @param id the subnet's UUID
 * @param name the name, possibly empty
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param networkId the network it belongs to
 * @param ipVersion 4 or 6
 * @param cidr the range, e.g. {@code 10.0.0.0/24}
 * @param gatewayIp the gateway, or {@code null} when the subnet has none
 * @param subnetpoolId the pool it was allocated from, or {@code null}
 * @param enableDhcp whether Neutron serves DHCP on it
 * @param allocationPools the ranges Neutron allocates port addresses from
 * @param hostRoutes extra routes handed to ports
 * @param dnsNameservers name servers handed to ports
 * @param ipv6AddressMode {@code slaac}, {@code dhcpv6-stateful}, ... or {@code null}
 * @param ipv6RaMode the router advertisement mode, or {@code null}
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record Subnet(
    String id,
    String name,
    String description,
    String projectId,
    String networkId,
    Integer ipVersion,
    String cidr,
    String gatewayIp,
    String subnetpoolId,
    Boolean enableDhcp,
    List<AllocationPool> allocationPools,
    List<HostRoute> hostRoutes,
    List<String> dnsNameservers,
    String ipv6AddressMode,
    String ipv6RaMode,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the lists, turning absent ones into empty ones. */
  public Subnet {
    name = Absent.asEmpty(name);
    allocationPools = Absent.asEmpty(allocationPools);
    hostRoutes = Absent.asEmpty(hostRoutes);
    dnsNameservers = Absent.asEmpty(dnsNameservers);
    tags = Absent.asEmpty(tags);
  }

  /**
   * An inclusive range of addresses Neutron allocates from.
   *
   * @param start the first address
   * @param end the last address
   */
  public record AllocationPool(String start, String end) {}

  /**
   * A static route handed to ports.
   *
   * @param destination the destination CIDR
   * @param nexthop the next hop address
   */
  public record HostRoute(String destination, String nexthop) {}
}
