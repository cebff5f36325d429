package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.SubnetRequest.Builder;

/**
 * Subnets carved from a pool before their Docker network exists. Neutron allocates a CIDR from a
 * pool only when it creates a subnet on a network, while Docker wants the CIDR before it creates
 * the network; so the subnet is carved onto a network tagged as pending, which the Docker network
 * then adopts. A pending network is deleted when its pool is released unadopted.
 *
 * <p>Thread-safe (stateless).
 */
final class PendingNetworks {
  private static final Logger LOG = Logger.getLogger(PendingNetworks.class.getName());

  private final NeutronClient neutron;
  private final boolean enableDhcp;

  PendingNetworks(NeutronClient neutron, boolean enableDhcp) {
    this.neutron = neutron;
    this.enableDhcp = enableDhcp;
  }

  /**
   * Carves a subnet out of {@code pool} onto a new pending network.
   *
   * @param prefixLength the subnet's prefix length; 0 for the pool's default
   */
  Subnet carve(SubnetPool pool, int prefixLength) {
    try (var rollback = new Rollback("carve a subnet from pool " + pool.name())) {
      Network network =
          NeutronFailures.call(
              "create pending network",
              () ->
                  neutron
                      .networks()
                      .create(
                          NetworkRequest.builder()
                              .name(KuryrTags.PENDING_NETWORK_NAME)
                              .adminStateUp(true)
                              .tags(List.of(KuryrTags.PENDING))
                              .build()));
      rollback.push(
          "pending network " + network.id(), () -> neutron.networks().delete(network.id()));
      Subnet subnet = carveOnto(network, pool, prefixLength, rollback);
      rollback.commit();
      LOG.info(() -> "carved " + subnet.cidr() + " from pool " + pool.name());
      return subnet;
    }
  }

  private Subnet carveOnto(Network network, SubnetPool pool, int prefixLength, Rollback rollback) {
    Builder request =
        SubnetRequest.builder()
            .networkId(network.id())
            .name(KuryrTags.carvedSubnetName(pool.name()))
            .ipVersion(pool.ipVersion() == null ? 4 : pool.ipVersion())
            .subnetpoolId(pool.id())
            .enableDhcp(enableDhcp)
            .tags(List.of(KuryrTags.PENDING));
    if (prefixLength > 0) {
      request.prefixlen(prefixLength);
    }
    try {
      return neutron.subnets().create(request.build());
    } catch (NeutronException e) {
      throw rollback.fail(NeutronFailures.translate("carve a subnet from pool " + pool.name(), e));
    }
  }

  /** The pending subnet carved with this CIDR, if any. */
  Optional<Subnet> find(Cidr cidr) {
    var query = Query.builder().where("cidr", cidr.toString()).tags(KuryrTags.PENDING).build();
    return NeutronFailures.call("find pending subnet " + cidr, () -> neutron.subnets().list(query))
        .stream()
        .findFirst();
  }

  /**
   * Makes a pending network a Docker network's own: named and tagged like any network Kuryr
   * creates.
   */
  Network adopt(Subnet subnet, String dockerNetworkId) {
    String networkId = subnet.networkId();
    Network network =
        NeutronFailures.call(
            "rename network " + networkId,
            () ->
                neutron
                    .networks()
                    .update(
                        networkId,
                        NetworkRequest.builder()
                            .name(KuryrTags.networkName(dockerNetworkId))
                            .build()));
    NeutronFailures.call(
        "tag network " + networkId,
        () ->
            neutron
                .tags()
                .replace(
                    ResourceKind.NETWORK,
                    networkId,
                    KuryrTags.createdNetworkTags(dockerNetworkId)));
    NeutronFailures.call(
        "untag subnet " + subnet.id(),
        () -> neutron.tags().remove(ResourceKind.SUBNET, subnet.id(), KuryrTags.PENDING));
    LOG.info(() -> "network " + networkId + " with " + subnet.cidr() + " adopted");
    return network;
  }

  /** Makes an adopted network pending again, also when {@link #adopt} did only part of it. */
  void unadopt(Subnet subnet) {
    String networkId = subnet.networkId();
    neutron
        .networks()
        .update(networkId, NetworkRequest.builder().name(KuryrTags.PENDING_NETWORK_NAME).build());
    neutron.tags().replace(ResourceKind.NETWORK, networkId, List.of(KuryrTags.PENDING));
    neutron.tags().add(ResourceKind.SUBNET, subnet.id(), KuryrTags.PENDING);
  }
}
