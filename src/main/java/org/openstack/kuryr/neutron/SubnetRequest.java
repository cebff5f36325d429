package org.openstack.kuryr.neutron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates or updates a subnet. See {@link ResourceRequest} for what is sent. */
public final class SubnetRequest extends ResourceRequest {
  private SubnetRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SubnetRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, SubnetRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** The network the subnet belongs to (create only). */
    public Builder networkId(String networkId) {
      return set("network_id", networkId);
    }

    /** 4 or 6 (create only). */
    public Builder ipVersion(int ipVersion) {
      return set("ip_version", ipVersion);
    }

    /** The range, e.g. {@code 10.0.0.0/24}; leave it out to take one from the subnet pool. */
    public Builder cidr(String cidr) {
      return set("cidr", cidr);
    }

    /** The gateway address. Leaving it unset lets Neutron take the range's first address. */
    public Builder gatewayIp(String gatewayIp) {
      return set("gateway_ip", gatewayIp);
    }

    /** No gateway at all (sends {@code gateway_ip: null}). */
    public Builder noGateway() {
      return attribute("gateway_ip", null);
    }

    /** The subnet pool to allocate the range from (create only). */
    public Builder subnetpoolId(String subnetpoolId) {
      return set("subnetpool_id", subnetpoolId);
    }

    /** The prefix length of a range allocated from the pool (create only). */
    public Builder prefixlen(int prefixlen) {
      return set("prefixlen", prefixlen);
    }

    /** Whether Neutron serves DHCP on the subnet. */
    public Builder enableDhcp(boolean enable) {
      return set("enable_dhcp", enable);
    }

    /** The ranges port addresses are allocated from. */
    public Builder allocationPools(List<Subnet.AllocationPool> pools) {
      return set("allocation_pools", pools.stream().map(Builder::pool).toList());
    }

    /** Extra routes handed to ports. */
    public Builder hostRoutes(List<Subnet.HostRoute> routes) {
      return set("host_routes", routes.stream().map(Builder::route).toList());
    }

    /** Name servers handed to ports. */
    public Builder dnsNameservers(List<String> nameservers) {
      return set("dns_nameservers", List.copyOf(nameservers));
    }

    /** The IPv6 address mode, e.g. {@code slaac}. */
    public Builder ipv6AddressMode(String mode) {
      return set("ipv6_address_mode", mode);
    }

    /** The IPv6 router advertisement mode, e.g. {@code slaac}. */
    public Builder ipv6RaMode(String mode) {
      return set("ipv6_ra_mode", mode);
    }

    /** Tags the created subnet must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public SubnetRequest build() {
      return new SubnetRequest(this);
    }

    private static Map<String, Object> pool(Subnet.AllocationPool pool) {
      var map = new LinkedHashMap<String, Object>();
      map.put("start", pool.start());
      map.put("end", pool.end());
      return map;
    }

    private static Map<String, Object> route(Subnet.HostRoute route) {
      var map = new LinkedHashMap<String, Object>();
      map.put("destination", route.destination());
      map.put("nexthop", route.nexthop());
      return map;
    }
  }
}
