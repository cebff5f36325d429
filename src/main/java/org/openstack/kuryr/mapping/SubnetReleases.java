package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;

/**
 * Deletes the subnets Kuryr created, and then the subnet pools Kuryr created for them once no
 * subnet uses them. Shared by pool release and network deletion, because Docker calls the two in
 * either order depending on its version, and whichever deletes the last subnet of a pool must
 * release the pool.
 *
 * <p>Thread-safe (stateless).
 */
final class SubnetReleases {
  private static final Logger LOG = Logger.getLogger(SubnetReleases.class.getName());
  private static final String POOL_IN_USE = "SubnetPoolDeleteError";

  private final NeutronClient neutron;
  private final String poolNamePrefix;

  SubnetReleases(NeutronClient neutron, String poolNamePrefix) {
    this.neutron = neutron;
    this.poolNamePrefix = poolNamePrefix;
  }

  /** Whether the subnet's network still carries the tags of some Docker network. */
  boolean servesDockerNetwork(Subnet subnet) {
    Optional<Network> network =
        NeutronFailures.call(
            "read network " + subnet.networkId(),
            () -> neutron.networks().find(subnet.networkId()));
    return network.map(n -> n.tags().stream().anyMatch(KuryrTags::isIdTag)).orElse(false);
  }

  /**
   * Deletes a subnet Kuryr created (with its network when that is still pending), then its pool
   * when that is left unused.
   *
   * @return false when the subnet is still in use and was kept
   */
  boolean release(Subnet subnet) {
    try {
      if (subnet.tags().contains(KuryrTags.PENDING)) {
        neutron.networks().delete(subnet.networkId());
        LOG.info(() -> "deleted pending network " + subnet.networkId() + " " + subnet.cidr());
      } else if (neutron.subnets().delete(subnet.id())) {
        LOG.info(() -> "deleted subnet " + subnet.cidr() + " " + subnet.id());
      }
    } catch (NeutronException.Conflict inUse) {
      LOG.info(() -> "kept subnet " + subnet.cidr() + ": still in use");
      return false;
    } catch (NeutronException e) {
      throw NeutronFailures.translate("delete subnet " + subnet.id(), e);
    }
    if (subnet.subnetpoolId() != null) {
      releasePoolIfUnused(subnet.subnetpoolId());
    }
    return true;
  }

  /**
   * Gives back a user's subnet that no Docker network uses any more: the tag with the ID of the
   * pool Kuryr created for its CIDR (see {@code NeutronIpam}) is removed, and the pool released.
   */
  void releaseUserSubnet(Subnet subnet) {
    String name = KuryrTags.subnetPoolName(poolNamePrefix, Cidr.parse(subnet.cidr()));
    List<SubnetPool> pools =
        NeutronFailures.call(
            "find subnet pool " + name,
            () -> neutron.subnetPools().list(Query.where("name", name)));
    for (SubnetPool pool : pools) {
      if (subnet.tags().contains(pool.id())) {
        NeutronFailures.call(
            "untag subnet " + subnet.id(),
            () -> neutron.tags().remove(ResourceKind.SUBNET, subnet.id(), pool.id()));
        releasePoolIfUnused(pool.id());
      }
    }
  }

  /**
   * Releases a subnet pool no subnet of Kuryr's uses any more, nor a user's subnet tagged with its
   * ID: a pool Kuryr created for one CIDR is deleted, a user's pool untagged, a default pool kept.
   */
  void releasePoolIfUnused(String poolId) {
    Optional<SubnetPool> pool =
        NeutronFailures.call(
            "find subnet pool " + poolId, () -> neutron.subnetPools().find(poolId));
    if (pool.isEmpty() || !kuryrSubnetsOf(poolId).isEmpty() || isTagOfSomeSubnet(poolId)) {
      return;
    }
    if (pool.get().tags().contains(KuryrTags.EXISTING_SUBNETPOOL)) {
      NeutronFailures.call(
          "untag subnet pool " + poolId,
          () ->
              neutron
                  .tags()
                  .remove(ResourceKind.SUBNET_POOL, poolId, KuryrTags.EXISTING_SUBNETPOOL));
    } else if (pool.get().name().startsWith(poolNamePrefix + "-")) {
      deletePool(pool.get());
    }
  }

  private List<Subnet> kuryrSubnetsOf(String poolId) {
    return NeutronFailures.call(
            "list subnets of pool " + poolId,
            () -> neutron.subnets().list(Query.where("subnetpool_id", poolId)))
        .stream()
        .filter(s -> KuryrTags.isKuryrSubnetName(s.name()))
        .toList();
  }

  private boolean isTagOfSomeSubnet(String poolId) {
    return !NeutronFailures.call(
            "find subnets tagged " + poolId, () -> neutron.subnets().list(Query.tagged(poolId)))
        .isEmpty();
  }

  private void deletePool(SubnetPool pool) {
    try {
      if (neutron.subnetPools().delete(pool.id())) {
        LOG.info(() -> "deleted subnet pool " + pool.name() + " " + pool.id());
      }
    } catch (NeutronException.Conflict stillUsed) {
      LOG.info(() -> "kept subnet pool " + pool.name() + ": still in use");
    } catch (NeutronException.BadRequest e) {
      // Neutron refuses to delete a pool that still has allocations with a 400, not a 409.
      if (!POOL_IN_USE.equals(e.neutronType())) {
        throw NeutronFailures.translate("delete subnet pool " + pool.id(), e);
      }
      LOG.info(() -> "kept subnet pool " + pool.name() + ": subnets are still allocated from it");
    } catch (NeutronException e) {
      throw NeutronFailures.translate("delete subnet pool " + pool.id(), e);
    }
  }
}
