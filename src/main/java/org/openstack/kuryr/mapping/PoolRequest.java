package org.openstack.kuryr.mapping;

import java.util.Map;

/**
 * A request for an address pool.
 *
 * @param cidr the pool asked for; empty when the driver chooses it
 * @param subPool the range addresses are taken from; empty for the whole pool
 * @param options IPAM options ({@code neutron.pool.*}, {@code neutron.subnet.*}, ...); not null
 * @param ipv6 whether this is an IPv6 pool
 */
public record PoolRequest(String cidr, String subPool, Map<String, String> options, boolean ipv6) {
  /** Copies the options. */
  public PoolRequest {
    options = Map.copyOf(options);
  }
}
