package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.NetworkSpec.PoolData;
import org.openstack.kuryr.mapping.PoolReservations.Reservation;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetRequest;

/**
 * Docker networks as Neutron networks: a new network per Docker network, or a user's network named
 * by {@code neutron.net.uuid|name}, with one subnet per Docker pool.
 *
 * <p>Thread-safe: calls for the same Docker network are serialized.
 */
public final class NeutronNetworks implements NetworkService {
  private static final Logger LOG = Logger.getLogger(NeutronNetworks.class.getName());

  private final NeutronClient neutron;
  private final MappingSettings settings;
  private final NetworkDirectory directory;
  private final PoolReservations reservations;
  private final PendingNetworks pending;
  private final SubnetReleases releases;
  private final PortPool portPool;
  private final KeyedLocks locks = new KeyedLocks();

  NeutronNetworks(
      NeutronClient neutron,
      MappingSettings settings,
      NetworkDirectory directory,
      PoolReservations reservations,
      PendingNetworks pending,
      SubnetReleases releases,
      PortPool portPool) {
    this.neutron = neutron;
    this.portPool = portPool;
    this.releases = releases;
    this.settings = settings;
    this.directory = directory;
    this.reservations = reservations;
    this.pending = pending;
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    locks.run(spec.dockerNetworkId(), () -> create(spec));
  }

  private void create(NetworkSpec spec) {
    String dockerId = spec.dockerNetworkId();
    if (directory.find(dockerId).isPresent()) {
      // Swarm managers and retries send CreateNetwork again for a network that exists.
      LOG.info(() -> "network " + shortId(dockerId) + " exists already");
      return;
    }
    var options = PoolOptions.of(spec.options(), false);
    boolean kuryrIpam = addressesFromKuryr(spec);
    try (var rollback = new Rollback("create network " + shortId(dockerId))) {
      try {
        NetworkView view = chooseNetwork(spec, options, rollback);
        var subnets = new ArrayList<Subnet>();
        for (PoolData pool : spec.ipv4Pools()) {
          subnets.add(ensureSubnet(view, pool, rollback));
        }
        for (PoolData pool : spec.ipv6Pools()) {
          subnets.add(ensureSubnet(view, pool, rollback));
        }
        NetworkView created = directory.refresh(view);
        directory.remember(created);
        rollback.commit();
        if (kuryrIpam) {
          portPool.prefill(created);
        }
        LOG.info(
            () ->
                "created network "
                    + shortId(dockerId)
                    + " as Neutron network "
                    + view.networkId()
                    + (view.existing() ? " (existing)" : "")
                    + " with "
                    + subnets.stream().map(Subnet::cidr).toList());
      } catch (RuntimeException e) {
        directory.forget(dockerId);
        throw rollback.fail(e);
      }
    }
  }

  private NetworkView chooseNetwork(NetworkSpec spec, PoolOptions options, Rollback rollback) {
    if (options.network().isPresent()) {
      Network network = Lookups.require(neutron.networks(), options.network().get(), "network");
      return useExisting(spec.dockerNetworkId(), network, options, rollback);
    }
    Optional<Reservation> first = firstReservation(spec);
    Optional<Subnet> userSubnet =
        first.filter(r -> r.poolId().subnetId().isPresent()).flatMap(Reservation::subnet);
    if (userSubnet.isPresent()) {
      Network network = get(userSubnet.get().networkId());
      return useExisting(spec.dockerNetworkId(), network, options, rollback);
    }
    Optional<Subnet> carved = first.flatMap(this::pendingSubnet);
    if (carved.isPresent()) {
      return adoptPending(spec.dockerNetworkId(), carved.get(), rollback);
    }
    return createNew(spec.dockerNetworkId(), options, rollback);
  }

  private Optional<Reservation> firstReservation(NetworkSpec spec) {
    return firstPool(spec).flatMap(pool -> reservation(Cidr.parse(pool.cidr())));
  }

  // Docker's own IPAM hands out addresses Neutron does not know of: ports held in a pool could
  // take the very addresses it gives. Pools Kuryr's IPAM gave Docker have a reservation here.
  private boolean addressesFromKuryr(NetworkSpec spec) {
    return Stream.concat(spec.ipv4Pools().stream(), spec.ipv6Pools().stream())
        .allMatch(pool -> reservation(Cidr.parse(pool.cidr())).isPresent());
  }

  private static Optional<PoolData> firstPool(NetworkSpec spec) {
    return spec.ipv4Pools().stream().findFirst().or(() -> spec.ipv6Pools().stream().findFirst());
  }

  // After a restart the reservation is gone from memory; the pending subnet is in Neutron.
  private Optional<Reservation> reservation(Cidr cidr) {
    return reservations
        .find(cidr)
        .or(
            () ->
                pending
                    .find(cidr)
                    .map(
                        s ->
                            new Reservation(
                                PoolId.ofCarved(s.subnetpoolId(), cidr),
                                Optional.ofNullable(s.subnetpoolId()),
                                Optional.of(s),
                                Optional.empty())));
  }

  private Optional<Subnet> pendingSubnet(Reservation reservation) {
    return reservation
        .subnet()
        .filter(s -> reservation.poolId().cidr().isPresent() && s.subnetpoolId() != null);
  }

  private NetworkView useExisting(
      String dockerId, Network network, PoolOptions options, Rollback rollback) {
    if (options.shared().isPresent() && !options.shared().get().equals(network.shared())) {
      throw new ConflictException(
          "network "
              + network.id()
              + " has shared="
              + network.shared()
              + ", but neutron.net.shared="
              + options.shared().get()
              + " was given");
    }
    var tags = new ArrayList<>(KuryrTags.idTags(dockerId));
    tags.add(KuryrTags.existingNetworkTag(dockerId));
    for (String tag : tags) {
      NeutronFailures.run(
          "tag network " + network.id(),
          () -> neutron.tags().add(ResourceKind.NETWORK, network.id(), tag));
      rollback.push(
          "tag " + tag, () -> neutron.tags().remove(ResourceKind.NETWORK, network.id(), tag));
    }
    return new NetworkView(dockerId, network, subnetsOf(network.id()), true);
  }

  private NetworkView adoptPending(String dockerId, Subnet subnet, Rollback rollback) {
    // Undone by making it pending again, so that releasing the pool deletes it; pushed first,
    // since adopting takes several requests and may fail after some of them.
    rollback.push("adopt network " + subnet.networkId(), () -> pending.unadopt(subnet));
    Network network = pending.adopt(subnet, dockerId);
    return new NetworkView(dockerId, network, subnetsOf(network.id()), false);
  }

  private NetworkView createNew(String dockerId, PoolOptions options, Rollback rollback) {
    var request =
        NetworkRequest.builder()
            .name(KuryrTags.networkName(dockerId))
            .adminStateUp(true)
            .tags(KuryrTags.createdNetworkTags(dockerId));
    options.shared().ifPresent(request::shared);
    Network network =
        NeutronFailures.call(
            "create network for " + shortId(dockerId),
            () -> neutron.networks().create(request.build()));
    rollback.push("network " + network.id(), () -> neutron.networks().delete(network.id()));
    return new NetworkView(dockerId, network, List.of(), false);
  }

  private Subnet ensureSubnet(NetworkView view, PoolData pool, Rollback rollback) {
    Cidr cidr = Cidr.parse(pool.cidr());
    Optional<Subnet> onNetwork =
        view.subnets().stream().filter(s -> Cidr.parse(s.cidr()).equals(cidr)).findFirst();
    Optional<Reservation> reservation = reservation(cidr);
    if (onNetwork.isPresent()) {
      tagWithPool(onNetwork.get(), reservation, rollback);
      return onNetwork.get();
    }
    reservation.flatMap(Reservation::subnet).ifPresent(s -> requireMovable(s, view));
    reservation.flatMap(this::pendingSubnet).ifPresent(releases::release);
    return createSubnet(view, cidr, pool, reservation, rollback);
  }

  // A user's subnet is on the user's network; it cannot be moved to another one.
  private static void requireMovable(Subnet subnet, NetworkView view) {
    if (!subnet.tags().contains(KuryrTags.PENDING)
        && !subnet.networkId().equals(view.networkId())) {
      throw new InvalidRequestException(
          "subnet "
              + subnet.id()
              + " belongs to network "
              + subnet.networkId()
              + ", not to network "
              + view.networkId()
              + ": name that network with"
              + " neutron.net.uuid");
    }
  }

  // A user's subnet used through a Kuryr pool is found by the pool's ID as a tag.
  private void tagWithPool(Subnet subnet, Optional<Reservation> reservation, Rollback rollback) {
    Optional<String> poolTag =
        reservation
            .filter(r -> r.poolId().cidr().isEmpty() && r.poolId().subnetPoolId().isPresent())
            .flatMap(r -> r.poolId().subnetPoolId())
            .filter(p -> !p.equals(subnet.subnetpoolId()) && !subnet.tags().contains(p));
    poolTag.ifPresent(
        tag -> {
          NeutronFailures.run(
              "tag subnet " + subnet.id(),
              () -> neutron.tags().add(ResourceKind.SUBNET, subnet.id(), tag));
          rollback.push(
              "tag subnet " + subnet.id(),
              () -> neutron.tags().remove(ResourceKind.SUBNET, subnet.id(), tag));
        });
  }

  private Subnet createSubnet(
      NetworkView view,
      Cidr cidr,
      PoolData pool,
      Optional<Reservation> reservation,
      Rollback rollback) {
    var request =
        SubnetRequest.builder()
            .networkId(view.networkId())
            .name(KuryrTags.subnetName(cidr))
            .ipVersion(cidr.ipVersion())
            .cidr(cidr.toString())
            .enableDhcp(settings.enableDhcp());
    subnetPoolFor(cidr, reservation).ifPresent(request::subnetpoolId);
    gatewayOf(pool).ifPresentOrElse(request::gatewayIp, request::noGateway);
    reservation
        .flatMap(Reservation::addressRange)
        .ifPresent(
            range -> request.allocationPools(AllocationRanges.of(cidr, range, gatewayOf(pool))));
    Subnet subnet =
        NeutronFailures.call(
            "create subnet " + cidr + " on network " + view.networkId(),
            () -> neutron.subnets().create(request.build()));
    rollback.push("subnet " + subnet.id(), () -> neutron.subnets().delete(subnet.id()));
    return subnet;
  }

  private Optional<String> subnetPoolFor(Cidr cidr, Optional<Reservation> reservation) {
    if (reservation.isPresent()) {
      return reservation.get().subnetPoolId();
    }
    String name = KuryrTags.subnetPoolName(settings.subnetPoolNamePrefix(), cidr);
    return NeutronFailures.call(
            "find subnet pool " + name, () -> neutron.subnetPools().list(Query.where("name", name)))
        .stream()
        .map(SubnetPool::id)
        .sorted()
        .findFirst();
  }

  // Docker hands the IPAM's gateway placeholder back for subnets without a gateway.
  private static Optional<String> gatewayOf(PoolData pool) {
    return pool.gateway()
        .map(Cidr::parse)
        .filter(g -> g.prefixLength() != 0)
        .map(g -> pool.gateway().get().substring(0, pool.gateway().get().indexOf('/')));
  }

  @Override
  public void deleteNetwork(String dockerNetworkId) {
    locks.run(dockerNetworkId, () -> delete(dockerNetworkId));
  }

  private void delete(String dockerId) {
    Optional<NetworkView> found = directory.find(dockerId);
    directory.forget(dockerId);
    if (found.isEmpty()) {
      LOG.info(() -> "network " + shortId(dockerId) + " already gone from Neutron");
      return;
    }
    NetworkView view = found.get();
    // Before the subnets go: Neutron refuses to delete a subnet ports still hold.
    portPool.drain(view.networkId());
    Network network =
        NeutronFailures.call(
                "read network " + view.networkId(), () -> neutron.networks().find(view.networkId()))
            .orElse(null);
    if (network == null) {
      return;
    }
    if (usedByOthers(network, dockerId)) {
      untag(view);
      LOG.info(() -> "kept network " + network.id() + ": other Docker networks use it");
      return;
    }
    portPool.deleteLeftovers(network.id());
    // Our tags go last: when a port still holds the network, the deletion fails with them in
    // place, Docker keeps its network, and removing it again later finds everything.
    releaseSubnets(network);
    // A network Kuryr created goes with the last Docker network using it, even when that one
    // joined it by name from another host after its creator left.
    boolean created = !view.existing() || network.tags().contains(KuryrTags.CREATED_NETWORK);
    if (created) {
      deleteNetwork(network);
    } else {
      untag(view);
    }
    LOG.info(
        () ->
            "deleted network "
                + shortId(dockerId)
                + " (Neutron network "
                + network.id()
                + (created ? "" : ", existing, kept")
                + ")");
  }

  private static boolean usedByOthers(Network network, String dockerId) {
    List<String> ours = KuryrTags.idTags(dockerId);
    return network.tags().stream().anyMatch(t -> KuryrTags.isIdTag(t) && !ours.contains(t));
  }

  private void untag(NetworkView view) {
    var tags = new ArrayList<>(KuryrTags.idTags(view.dockerNetworkId()));
    if (view.existing()) {
      tags.add(KuryrTags.existingNetworkTag(view.dockerNetworkId()));
    }
    for (String tag : tags) {
      NeutronFailures.call(
          "untag network " + view.networkId(),
          () -> neutron.tags().remove(ResourceKind.NETWORK, view.networkId(), tag));
    }
  }

  // The last Docker network to leave: Kuryr's subnets go, users' subnets are given back.
  private void releaseSubnets(Network network) {
    for (Subnet subnet : subnetsOf(network.id())) {
      if (!KuryrTags.isKuryrSubnetName(subnet.name())) {
        releases.releaseUserSubnet(subnet);
      } else if (!releases.release(subnet)) {
        throw inUse(network, null);
      }
    }
  }

  private void deleteNetwork(Network network) {
    try {
      neutron.networks().delete(network.id());
    } catch (NeutronException.Conflict e) {
      throw inUse(network, e);
    } catch (NeutronException e) {
      throw NeutronFailures.translate("delete network " + network.id(), e);
    }
  }

  private ConflictException inUse(Network network, NeutronException cause) {
    List<String> ports =
        NeutronFailures.call(
                "list ports of network " + network.id(),
                () -> neutron.ports().list(Query.where("network_id", network.id())))
            .stream()
            .filter(p -> !p.deviceOwner().startsWith("network:"))
            .map(p -> p.id() + " (" + p.deviceOwner() + ")")
            .toList();
    return new ConflictException(
        "failed to delete network " + network.id() + ": ports still use it: " + ports, cause);
  }

  private Network get(String networkId) {
    return NeutronFailures.call(
        "read network " + networkId, () -> neutron.networks().get(networkId));
  }

  private List<Subnet> subnetsOf(String networkId) {
    return NeutronFailures.call(
        "list subnets of network " + networkId,
        () -> neutron.subnets().list(Query.where("network_id", networkId)));
  }

  private static String shortId(String dockerId) {
    return NetworkDirectory.shortId(dockerId);
  }
}
