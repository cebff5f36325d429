package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker network to create.
 *
 * @param dockerNetworkId Docker's network ID
 * @param options the network's driver options ({@code -o k=v}); not null
 * @param ipv4Pools the IPv4 pools Docker reserved; not null
 * @param ipv6Pools the IPv6 pools Docker reserved; not null
 */
public record NetworkSpec(
    String dockerNetworkId,
    Map<String, String> options,
    List<PoolData> ipv4Pools,
    List<PoolData> ipv6Pools) {

  /** Copies the collections. */
  public NetworkSpec {
    options = Map.copyOf(options);
    ipv4Pools = List.copyOf(ipv4Pools);
    ipv6Pools = List.copyOf(ipv6Pools);
  }

  /**
   * A pool of the network.
   *
   * @param cidr the pool's CIDR
   * @param gateway the gateway as {@code ip/prefix}, if any
   */
  public record PoolData(String cidr, Optional<String> gateway) {}
}
