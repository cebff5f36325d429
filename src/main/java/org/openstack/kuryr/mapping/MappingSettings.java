package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How Docker's objects map onto Neutron's. Immutable.
 *
 * @param hostId the host name ports are bound to ({@code binding:host_id})
 * @param subnetPoolNamePrefix prefix of the subnet pools created per CIDR
 * @param enableDhcp whether subnets Kuryr creates serve DHCP
 * @param ipv4DefaultPool where IPv4 subnets come from when a network names no CIDR
 * @param ipv6DefaultPool where IPv6 subnets come from when a network names no CIDR
 * @param portReadyTimeout how long a new endpoint may take to carry traffic; zero: do not wait
 * @param portReadyFatal whether an endpoint that is not ready in time fails
 */
public record MappingSettings(
    String hostId,
    String subnetPoolNamePrefix,
    boolean enableDhcp,
    DefaultPool ipv4DefaultPool,
    DefaultPool ipv6DefaultPool,
    Duration portReadyTimeout,
    boolean portReadyFatal) {

  /** Validates the settings. */
  public MappingSettings {
    Objects.requireNonNull(hostId, "hostId");
    if (hostId.isBlank()) {
      throw new IllegalArgumentException("host id must not be blank");
    }
    Objects.requireNonNull(subnetPoolNamePrefix, "subnetPoolNamePrefix");
    Objects.requireNonNull(ipv4DefaultPool, "ipv4DefaultPool");
    Objects.requireNonNull(ipv6DefaultPool, "ipv6DefaultPool");
    Objects.requireNonNull(portReadyTimeout, "portReadyTimeout");
  }

  /** These settings with another host ports may be bound to. */
  public MappingSettings withHostId(String otherHostId) {
    return new MappingSettings(
        otherHostId,
        subnetPoolNamePrefix,
        enableDhcp,
        ipv4DefaultPool,
        ipv6DefaultPool,
        portReadyTimeout,
        portReadyFatal);
  }

  /** The default pool of an IP version. */
  public DefaultPool defaultPool(boolean ipv6) {
    return ipv6 ? ipv6DefaultPool : ipv4DefaultPool;
  }

  /**
   * A subnet pool subnets are carved from when a network names no CIDR.
   *
   * @param name the pool's name in Neutron
   * @param createIfMissing whether Kuryr creates it with the prefixes below when it is missing
   * @param prefixes the prefixes of a pool Kuryr creates
   * @param prefixLength the prefix length of the subnets carved from it
   */
  public record DefaultPool(
      String name, boolean createIfMissing, List<String> prefixes, int prefixLength) {
    /** Copies the prefixes. */
    public DefaultPool {
      prefixes = List.copyOf(prefixes);
    }
  }
}
