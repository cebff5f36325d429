package org.openstack.kuryr.mapping;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstack.kuryr.neutron.Subnet;

/**
 * What IPAM decided for a CIDR, kept until Docker creates the network that uses it: Docker's {@code
 * CreateNetwork} names the CIDR but not the pool ID. Memory only: after a restart the network side
 * finds the same facts in Neutron, by name and tag.
 *
 * <p>Thread-safe.
 */
final class PoolReservations {
  /**
   * A pool handed to Docker.
   *
   * @param poolId the pool ID Docker got
   * @param subnetPoolId the Neutron subnet pool subnets of this CIDR come from, if any
   * @param subnet the subnet that already exists for it (carved ahead, or the user's)
   * @param addressRange {@code --ip-range}: addresses come from this part of the CIDR only
   */
  record Reservation(
      PoolId poolId,
      Optional<String> subnetPoolId,
      Optional<Subnet> subnet,
      Optional<Cidr> addressRange) {}

  private final ConcurrentHashMap<Cidr, Reservation> byCidr = new ConcurrentHashMap<>();

  void put(Cidr cidr, Reservation reservation) {
    byCidr.put(cidr, reservation);
  }

  Optional<Reservation> find(Cidr cidr) {
    return Optional.ofNullable(byCidr.get(cidr));
  }

  void remove(Cidr cidr) {
    byCidr.remove(cidr);
  }

  void removePool(PoolId poolId) {
    byCidr.values().removeIf(r -> r.poolId().equals(poolId));
  }
}
