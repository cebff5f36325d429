package org.openstack.kuryr.mapping;

/**
 * Address management backed by Neutron: a Docker address pool is a Neutron subnet pool (and the
 * subnet carved from it), an address is a fixed IP of a Neutron port.
 *
 * <p>Implementations are thread-safe. Releases are idempotent: releasing what is already gone
 * succeeds.
 */
public interface IpamService {
  /** Reserves a pool for a network; the same request again gets the same pool. */
  PoolAllocation requestPool(PoolRequest request);

  /** Gives a pool back; what Kuryr created for it is deleted, what the user brought is kept. */
  void releasePool(String poolId);

  /** Reserves an address in a pool. */
  AddressAllocation requestAddress(AddressRequest request);

  /**
   * Gives an address back.
   *
   * @param address the address as Docker sends it, without prefix length
   */
  void releaseAddress(String poolId, String address);
}
