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
 * @param portPool the pool of ports created ahead of time
 */
public record MappingSettings(
    String hostId,
    String subnetPoolNamePrefix,
    boolean enableDhcp,
    DefaultPool ipv4DefaultPool,
    DefaultPool ipv6DefaultPool,
    Duration portReadyTimeout,
    boolean portReadyFatal,
    PortPool portPool) {

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
    Objects.requireNonNull(portPool, "portPool");
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
        portReadyFatal,
        portPool);
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

  /**
   * Ports created ahead of time, per subnet, bound to this host, so that a container's address and
   * port come from memory. When fewer than {@code min} are free, {@code batch} more are created in
   * one request (one batch at a time for the whole daemon), until {@code min} are free again; at
   * most {@code max} are kept free, released ports beyond are deleted.
   *
   * @param enabled whether ports are pooled
   * @param min free ports below which the pool is refilled
   * @param max free ports kept at most
   * @param batch ports created per request
   */
  public record PortPool(boolean enabled, int min, int max, int batch) {
    /** No pool: every port is created for its container and deleted after it. */
    public static final PortPool DISABLED = new PortPool(false, 0, 0, 1);

    /** Validates the sizes. */
    public PortPool {
      if (min < 0 || batch < 1 || max < min) {
        throw new IllegalArgumentException(
            "port pool needs 0 <= min <= max and batch >= 1, got min "
                + min
                + ", max "
                + max
                + ", batch "
                + batch);
      }
    }
  }
}
