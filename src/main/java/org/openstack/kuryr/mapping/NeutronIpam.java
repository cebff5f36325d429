package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.PoolReservations.Reservation;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;

/**
 * Docker's IPAM on Neutron. A pool is a Neutron subnet pool (one per CIDR, or a shared pool the
 * subnet is carved from, or a user's subnet); an address is a fixed IP of a Neutron port, which the
 * endpoint then binds. See {@link PoolId} for the pool ID forms.
 *
 * <p>Thread-safe: work on one CIDR or pool is serialized within this daemon.
 */
public final class NeutronIpam implements IpamService {
  private static final Logger LOG = Logger.getLogger(NeutronIpam.class.getName());

  private final NeutronClient neutron;
  private final MappingSettings settings;
  private final PoolReservations reservations;
  private final AddressBook addresses;
  private final PendingNetworks pending;
  private final SubnetReleases releases;
  private final HostScope host;
  private final EndpointPorts ports;
  private final KeyedLocks locks = new KeyedLocks();
  private final ConcurrentHashMap<PoolId, Subnet> subnets = new ConcurrentHashMap<>();

  NeutronIpam(
      NeutronClient neutron,
      MappingSettings settings,
      PoolReservations reservations,
      AddressBook addresses,
      PendingNetworks pending,
      SubnetReleases releases,
      EndpointPorts ports) {
    this.neutron = neutron;
    this.settings = settings;
    this.reservations = reservations;
    this.addresses = addresses;
    this.pending = pending;
    this.releases = releases;
    this.host = new HostScope(settings.hostId());
    this.ports = ports;
  }

  // ---------------------------------------------------------------- pools

  @Override
  public PoolAllocation requestPool(PoolRequest request) {
    var options = PoolOptions.of(request.options(), request.ipv6());
    Optional<Cidr> cidr = optionalCidr(request.cidr(), request.ipv6(), "Pool");
    Optional<Cidr> range = optionalCidr(request.subPool(), request.ipv6(), "SubPool");
    range.ifPresent(r -> requireWithin(r, cidr));
    if (options.subnet().isPresent()) {
      return poolOfUserSubnet(options.subnet().get(), cidr, request.ipv6());
    }
    if (options.pool().isPresent()) {
      return poolOfUserPool(options.pool().get(), cidr, range, request.ipv6());
    }
    if (cidr.isPresent()) {
      return poolForCidr(cidr.get(), range, options.shared());
    }
    var defaults = settings.defaultPool(request.ipv6());
    return carve(defaultPool(defaults, request.ipv6()), defaults.prefixLength());
  }

  private static Optional<Cidr> optionalCidr(String text, boolean ipv6, String field) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Cidr cidr = Cidr.parse(text);
    if (cidr.ipVersion() != (ipv6 ? 6 : 4)) {
      throw new InvalidRequestException(
          field + " " + text + " is not an IPv" + (ipv6 ? 6 : 4) + " prefix");
    }
    return Optional.of(cidr);
  }

  private static void requireWithin(Cidr range, Optional<Cidr> cidr) {
    if (cidr.isEmpty() || !cidr.get().contains(range)) {
      throw new InvalidRequestException(
          "IP range "
              + range
              + " must lie within the subnet "
              + cidr.map(Cidr::toString).orElse(""));
    }
  }

  private PoolAllocation poolOfUserSubnet(
      PoolOptions.Reference reference, Optional<Cidr> cidr, boolean ipv6) {
    Subnet subnet = Lookups.require(neutron.subnets(), reference, "subnet");
    Cidr subnetCidr = Cidr.parse(subnet.cidr());
    if (subnetCidr.ipVersion() != (ipv6 ? 6 : 4)
        || cidr.filter(c -> !c.equals(subnetCidr)).isPresent()) {
      throw new InvalidRequestException(
          "subnet "
              + reference.value()
              + " is "
              + subnetCidr
              + ", not the requested "
              + cidr.map(Cidr::toString).orElse("IPv" + (ipv6 ? 6 : 4) + " pool"));
    }
    PoolId id = PoolId.ofSubnet(subnet.id());
    remember(id, subnet);
    reservations.put(
        subnetCidr, new Reservation(id, Optional.empty(), Optional.of(subnet), Optional.empty()));
    return new PoolAllocation(id.toString(), subnetCidr.toString(), gatewayOf(subnet));
  }

  // The user's pool is marked as in use before anything is carved from it, and unmarked again
  // when that fails.
  private PoolAllocation poolOfUserPool(
      PoolOptions.Reference reference, Optional<Cidr> cidr, Optional<Cidr> range, boolean ipv6) {
    SubnetPool pool = Lookups.require(neutron.subnetPools(), reference, "subnet pool");
    requireVersion(pool, ipv6);
    try (var rollback = new Rollback("request a pool of subnet pool " + pool.id())) {
      if (!pool.tags().contains(KuryrTags.EXISTING_SUBNETPOOL)) {
        NeutronFailures.run(
            "tag subnet pool " + pool.id(),
            () ->
                neutron
                    .tags()
                    .add(ResourceKind.SUBNET_POOL, pool.id(), KuryrTags.EXISTING_SUBNETPOOL));
        rollback.push(
            "tag subnet pool " + pool.id(),
            () ->
                neutron
                    .tags()
                    .remove(ResourceKind.SUBNET_POOL, pool.id(), KuryrTags.EXISTING_SUBNETPOOL));
      }
      try {
        PoolAllocation allocation =
            cidr.isPresent()
                ? poolWithin(pool, cidr.get(), range)
                : carve(pool, pool.defaultPrefixlen());
        rollback.commit();
        return allocation;
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  private PoolAllocation poolWithin(SubnetPool pool, Cidr cidr, Optional<Cidr> range) {
    boolean inside = pool.prefixes().stream().map(Cidr::parse).anyMatch(p -> p.contains(cidr));
    if (!inside) {
      throw new InvalidRequestException(
          cidr + " is not within subnet pool " + pool.name() + " " + pool.prefixes());
    }
    PoolId id = PoolId.ofCarved(pool.id(), cidr);
    reservations.put(cidr, new Reservation(id, Optional.of(pool.id()), Optional.empty(), range));
    return new PoolAllocation(id.toString(), cidr.toString(), firstHostGateway(id, cidr));
  }

  // One subnet pool per CIDR, named after it: a second host asking for the same CIDR (to join
  // the same Neutron network) finds and shares it.
  private PoolAllocation poolForCidr(Cidr cidr, Optional<Cidr> range, Optional<Boolean> shared) {
    String name = KuryrTags.subnetPoolName(settings.subnetPoolNamePrefix(), cidr);
    return locks.with("pool " + cidr, () -> findOrCreatePool(name, cidr, range, shared));
  }

  // A pool just created has no subnet to ask for its gateway: nothing can fail after the create
  // and leave the pool behind with Docker not knowing of it.
  private PoolAllocation findOrCreatePool(
      String name, Cidr cidr, Optional<Cidr> range, Optional<Boolean> shared) {
    Optional<SubnetPool> found = findPoolNamed(name);
    SubnetPool pool = found.orElseGet(() -> createPool(name, cidr, shared));
    PoolId id = PoolId.ofPool(pool.id());
    Optional<String> gateway =
        found.isPresent()
            ? firstHostGateway(id, cidr)
            : Optional.of(cidr.withPrefix(cidr.firstHost()));
    reservations.put(cidr, new Reservation(id, Optional.of(pool.id()), Optional.empty(), range));
    return new PoolAllocation(id.toString(), cidr.toString(), gateway);
  }

  private Optional<SubnetPool> findPoolNamed(String name) {
    return NeutronFailures.call(
            "find subnet pool " + name, () -> neutron.subnetPools().list(Query.where("name", name)))
        .stream()
        .min(Comparator.comparing(SubnetPool::id));
  }

  private SubnetPool createPool(String name, Cidr cidr, Optional<Boolean> shared) {
    var request =
        SubnetPoolRequest.builder()
            .name(name)
            .prefixes(List.of(cidr.toString()))
            .defaultPrefixlen(cidr.prefixLength());
    shared.ifPresent(request::shared);
    SubnetPool pool =
        NeutronFailures.call(
            "create subnet pool " + name, () -> neutron.subnetPools().create(request.build()));
    LOG.info(() -> "created subnet pool " + name + " " + pool.id());
    return pool;
  }

  private SubnetPool defaultPool(MappingSettings.DefaultPool defaults, boolean ipv6) {
    return locks.with(
        "default pool " + defaults.name(),
        () ->
            findPoolNamed(defaults.name())
                .or(() -> createDefaultPool(defaults, ipv6))
                .orElseThrow(
                    () ->
                        new InvalidRequestException(
                            "no subnet given and no default subnet pool named '"
                                + defaults.name()
                                + "' in Neutron: give --subnet, create the pool (openstack"
                                + " subnet pool create --pool-prefix ... "
                                + defaults.name()
                                + ") or set [neutron] create_default_subnetpools = true")));
  }

  private Optional<SubnetPool> createDefaultPool(
      MappingSettings.DefaultPool defaults, boolean ipv6) {
    if (!defaults.createIfMissing()) {
      return Optional.empty();
    }
    defaults.prefixes().forEach(p -> optionalCidr(p, ipv6, "default pool prefix"));
    var request =
        SubnetPoolRequest.builder()
            .name(defaults.name())
            .prefixes(defaults.prefixes())
            .defaultPrefixlen(defaults.prefixLength())
            .build();
    SubnetPool pool =
        NeutronFailures.call(
            "create default subnet pool " + defaults.name(),
            () -> neutron.subnetPools().create(request));
    LOG.info(() -> "created default subnet pool " + defaults.name() + " " + defaults.prefixes());
    return Optional.of(pool);
  }

  // Neutron only carves a subnet out of a pool onto a network, and Docker needs the CIDR before
  // it creates its network: carve it onto a pending network that CreateNetwork then adopts.
  private PoolAllocation carve(SubnetPool pool, Integer prefixLength) {
    Subnet subnet = pending.carve(pool, prefixLength == null ? 0 : prefixLength);
    Cidr cidr = Cidr.parse(subnet.cidr());
    PoolId id = PoolId.ofCarved(pool.id(), cidr);
    remember(id, subnet);
    reservations.put(
        cidr, new Reservation(id, Optional.of(pool.id()), Optional.of(subnet), Optional.empty()));
    return new PoolAllocation(id.toString(), cidr.toString(), gatewayOf(subnet));
  }

  private Optional<String> firstHostGateway(PoolId id, Cidr cidr) {
    Optional<Subnet> existing = findSubnet(id);
    if (existing.isPresent()) {
      return gatewayOf(existing.get());
    }
    return Optional.of(cidr.withPrefix(cidr.firstHost()));
  }

  private static Optional<String> gatewayOf(Subnet subnet) {
    Cidr cidr = Cidr.parse(subnet.cidr());
    return Optional.ofNullable(subnet.gatewayIp()).map(g -> cidr.withPrefix(Cidr.parseAddress(g)));
  }

  private static void requireVersion(SubnetPool pool, boolean ipv6) {
    if (pool.ipVersion() != null && pool.ipVersion() != (ipv6 ? 6 : 4)) {
      throw new InvalidRequestException(
          "subnet pool "
              + pool.name()
              + " is IPv"
              + pool.ipVersion()
              + ", not IPv"
              + (ipv6 ? 6 : 4));
    }
  }

  @Override
  public void releasePool(String poolIdText) {
    PoolId id = PoolId.parse(poolIdText);
    subnets.remove(id);
    reservations.removePool(id);
    if (id.subnetId().isPresent()) {
      return;
    }
    String poolId = id.subnetPoolId().orElseThrow();
    locks.run("release " + poolId, () -> releaseSubnetsAndPool(poolId, id.cidr()));
  }

  // In Docker 20.10.23 and later the pool is released before the network is deleted, earlier
  // after: a subnet still serving a Docker network is left to DeleteNetwork, which then releases
  // the pool too.
  private void releaseSubnetsAndPool(String poolId, Optional<Cidr> cidr) {
    var query = Query.builder().where("subnetpool_id", poolId);
    cidr.ifPresent(c -> query.where("cidr", c.toString()));
    List<Subnet> carved =
        NeutronFailures.call(
            "list subnets of pool " + poolId, () -> neutron.subnets().list(query.build()));
    for (Subnet subnet : carved) {
      subnets.values().removeIf(s -> s.id().equals(subnet.id()));
      if (KuryrTags.isKuryrSubnetName(subnet.name()) && !releases.servesDockerNetwork(subnet)) {
        releases.release(subnet);
      }
    }
    if (cidr.isEmpty()) {
      untagUserSubnets(poolId);
    }
    releases.releasePoolIfUnused(poolId);
  }

  // A user's subnet served a Kuryr pool through a tag with the pool's ID (see findSubnet). While
  // its network still serves a Docker network (another host's, or this one's before Docker deletes
  // it) the tag stays, and with it the pool: the last DeleteNetwork releases both.
  private void untagUserSubnets(String poolId) {
    List<Subnet> tagged =
        NeutronFailures.call(
            "find subnets tagged " + poolId, () -> neutron.subnets().list(Query.tagged(poolId)));
    for (Subnet subnet : tagged) {
      if (releases.servesDockerNetwork(subnet)) {
        continue;
      }
      NeutronFailures.call(
          "untag subnet " + subnet.id(),
          () -> neutron.tags().remove(ResourceKind.SUBNET, subnet.id(), poolId));
    }
  }

  // ---------------------------------------------------------------- addresses

  @Override
  public AddressAllocation requestAddress(AddressRequest request) {
    PoolId id = PoolId.parse(request.poolId());
    Optional<Subnet> subnet = findSubnet(id);
    return switch (request.role()) {
      case GATEWAY -> gateway(id, subnet, request.address());
      case AUXILIARY -> auxiliary(id, subnet, request.address());
      case ENDPOINT -> endpoint(id, subnet, request);
      case AUXILIARY_OR_ENDPOINT ->
          subnet.filter(releases::servesDockerNetwork).isPresent()
              ? endpoint(id, subnet, request)
              : auxiliary(id, subnet, request.address());
    };
  }

  private AddressAllocation gateway(PoolId id, Optional<Subnet> subnet, Optional<String> asked) {
    if (subnet.isEmpty()) {
      Cidr cidr = poolCidr(id);
      InetAddress address = asked.map(a -> within(cidr, a)).orElse(cidr.firstHost());
      return new AddressAllocation(cidr.withPrefix(address));
    }
    Cidr cidr = Cidr.parse(subnet.get().cidr());
    String gateway = subnet.get().gatewayIp();
    if (gateway == null) {
      // A subnet without gateway: Docker insists on getting one; the placeholder makes Join
      // return none, so the container gets no default route.
      return new AddressAllocation(cidr.ipVersion() == 4 ? "0.0.0.0/0" : "::/0");
    }
    InetAddress actual = Cidr.parseAddress(gateway);
    if (asked.isPresent() && !Cidr.parseAddress(asked.get()).equals(actual)) {
      throw new ConflictException(
          "gateway " + asked.get() + " conflicts with subnet " + cidr + "'s gateway " + gateway);
    }
    return new AddressAllocation(cidr.withPrefix(actual));
  }

  private AddressAllocation auxiliary(PoolId id, Optional<Subnet> subnet, Optional<String> asked) {
    Cidr cidr = subnet.map(s -> Cidr.parse(s.cidr())).orElseGet(() -> poolCidr(id));
    String address =
        asked.orElseThrow(
            () -> new InvalidRequestException("an auxiliary address must name its address"));
    return new AddressAllocation(cidr.withPrefix(within(cidr, address)));
  }

  private static InetAddress within(Cidr cidr, String text) {
    InetAddress address = Cidr.parseAddress(text);
    if (!cidr.contains(address)) {
      throw new InvalidRequestException("address " + text + " is not within " + cidr);
    }
    return address;
  }

  private Cidr poolCidr(PoolId id) {
    if (id.cidr().isPresent()) {
      return id.cidr().get();
    }
    String poolId = id.subnetPoolId().orElseThrow();
    SubnetPool pool =
        NeutronFailures.call("find subnet pool " + poolId, () -> neutron.subnetPools().find(poolId))
            .orElseThrow(() -> new InvalidRequestException("no subnet pool " + poolId));
    return Cidr.parse(pool.prefixes().getFirst());
  }

  private AddressAllocation endpoint(PoolId id, Optional<Subnet> found, AddressRequest request) {
    Subnet subnet =
        found.orElseThrow(
            () ->
                new InvalidRequestException(
                    "no Neutron subnet for pool " + id + " yet: create the Docker network first"));
    Cidr cidr = Cidr.parse(subnet.cidr());
    Optional<InetAddress> asked = request.address().map(a -> within(cidr, a));
    // Any address: Neutron picks it, nothing to serialize. A given one: look, then take.
    Port port =
        asked.isEmpty()
            ? ports.reserve(subnet, asked, request.macAddress())
            : locks.with(
                "address " + subnet.id() + " " + Cidr.format(asked.get()),
                () ->
                    adoptUserPort(subnet, asked.get())
                        .orElseGet(() -> ports.reserve(subnet, asked, request.macAddress())));
    InetAddress address = addressOn(port, subnet);
    addresses.put(subnet.id(), address, port);
    return new AddressAllocation(cidr.withPrefix(address));
  }

  // A user may pre-create a port with the address they give to `docker run --ip`: that port is
  // then the container's, and is only reset when the container goes.
  private Optional<Port> adoptUserPort(Subnet subnet, InetAddress address) {
    Optional<Port> holder = portWith(subnet, address).filter(p -> !ports.discardIfReleased(p));
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    Port port = holder.get();
    if (ports.takeFromPool(port)) {
      return Optional.of(port);
    }
    switch (PortOwnership.of(port)) {
      case KURYR ->
          throw new ConflictException(
              "address "
                  + Cidr.format(address)
                  + " is already used by container port "
                  + port.id());
      case USER -> {
        if (!port.deviceId().isEmpty() || host.boundElsewhere(port)) {
          throw inUse(address, port);
        }
        return Optional.of(port);
      }
      case OTHER -> {
        if (!port.deviceOwner().isEmpty()
            || !port.deviceId().isEmpty()
            || host.boundElsewhere(port)) {
          throw inUse(address, port);
        }
        NeutronFailures.run(
            "tag port " + port.id(),
            () -> neutron.tags().add(ResourceKind.PORT, port.id(), KuryrTags.EXISTING_PORT));
        LOG.info(() -> "adopted user port " + port.id() + " for " + Cidr.format(address));
        // Kept with its new tag: the endpoint tells a user's port by it (and must not rename it),
        // and its claim rewrites the port's tags from this record.
        var tags = new ArrayList<>(port.tags());
        tags.add(KuryrTags.EXISTING_PORT);
        return Optional.of(EndpointPorts.withTags(port, tags));
      }
      default -> throw new IllegalStateException("unknown ownership");
    }
  }

  private static ConflictException inUse(InetAddress address, Port port) {
    return new ConflictException(
        "address "
            + Cidr.format(address)
            + " is used by port "
            + port.id()
            + " of "
            + (port.deviceOwner().isEmpty() ? "no device owner" : port.deviceOwner())
            + (port.deviceId().isEmpty() ? "" : " " + port.deviceId())
            + (port.bindingHostId() == null || port.bindingHostId().isEmpty()
                ? ""
                : " on host " + port.bindingHostId()));
  }

  private static InetAddress addressOn(Port port, Subnet subnet) {
    return port.fixedIps().stream()
        .filter(ip -> subnet.id().equals(ip.subnetId()))
        .map(ip -> Cidr.parseAddress(ip.ipAddress()))
        .findFirst()
        .orElseThrow(
            () ->
                new ConflictException("port " + port.id() + " has no address on " + subnet.cidr()));
  }

  private Optional<Port> portWith(Subnet subnet, InetAddress address) {
    var query =
        Query.builder()
            .where("network_id", subnet.networkId())
            .where("fixed_ips", "ip_address=" + Cidr.format(address))
            .build();
    return NeutronFailures.call(
            "find port with " + Cidr.format(address), () -> neutron.ports().list(query))
        .stream()
        .filter(p -> p.fixedIps().stream().anyMatch(ip -> subnet.id().equals(ip.subnetId())))
        .findFirst();
  }

  @Override
  public void releaseAddress(String poolIdText, String addressText) {
    PoolId id = PoolId.parse(poolIdText);
    InetAddress address = Cidr.parseAddress(addressText);
    Optional<Subnet> subnet = findSubnet(id);
    if (subnet.isEmpty()
        || address.equals(gatewayAddress(subnet.get()))
        || addresses.releasedWithAnother(subnet.get().id(), address)) {
      return;
    }
    // After a restart the port is looked up; Docker may release an address twice, e.g. when it
    // restarts itself, and a port found so may be on its way out or back in the pool already.
    Optional<Port> port =
        addresses
            .take(subnet.get().id(), address)
            .or(
                () ->
                    portWith(subnet.get(), address).filter(p -> !EndpointPorts.alreadyReleased(p)));
    port.ifPresent(this::release);
  }

  private static InetAddress gatewayAddress(Subnet subnet) {
    return subnet.gatewayIp() == null ? null : Cidr.parseAddress(subnet.gatewayIp());
  }

  private void release(Port port) {
    addresses.forget(port.id());
    if (host.boundElsewhere(port)) {
      // Docker releases only addresses it was given, but a repeated release can come after the
      // address went to a container on another host.
      LOG.warning(
          () ->
              "left port "
                  + port.id()
                  + " alone: it is bound to host "
                  + port.bindingHostId()
                  + ", not to this host "
                  + host.hostId());
      return;
    }
    switch (PortOwnership.of(port)) {
      case KURYR -> ports.release(port);
      case USER -> PortCleanup.reset(neutron, port);
      case OTHER -> LOG.info(() -> "left port " + port.id() + " alone: it is not kuryr's");
      default -> throw new IllegalStateException("unknown ownership");
    }
  }

  // ---------------------------------------------------------------- subnets of pools

  /** The subnet a pool ID stands for, once it exists. */
  Optional<Subnet> findSubnet(PoolId id) {
    Subnet cached = subnets.get(id);
    // CreateNetwork adopts a pending subnet, or replaces it by one on the network it adopted for
    // the other address family: what was known of it before is no longer to be trusted.
    if (cached != null && !cached.tags().contains(KuryrTags.PENDING)) {
      return Optional.of(cached);
    }
    Optional<Subnet> found = lookupSubnet(id);
    found.ifPresent(s -> remember(id, s));
    return found;
  }

  private void remember(PoolId id, Subnet subnet) {
    subnets.put(id, subnet);
  }

  private Optional<Subnet> lookupSubnet(PoolId id) {
    if (id.subnetId().isPresent()) {
      String subnetId = id.subnetId().get();
      return NeutronFailures.call(
          "find subnet " + subnetId, () -> neutron.subnets().find(subnetId));
    }
    String poolId = id.subnetPoolId().orElseThrow();
    var query = Query.builder().where("subnetpool_id", poolId);
    id.cidr().ifPresent(c -> query.where("cidr", c.toString()));
    List<Subnet> carved =
        NeutronFailures.call(
            "find subnet of pool " + id, () -> neutron.subnets().list(query.build()));
    if (!carved.isEmpty()) {
      return Optional.of(carved.getFirst());
    }
    // A user's subnet used with a Kuryr pool carries the pool's ID as a tag.
    return NeutronFailures.call(
            "find subnet tagged " + poolId, () -> neutron.subnets().list(Query.tagged(poolId)))
        .stream()
        .findFirst();
  }

  /** Forgets what is known of pools whose subnets were deleted. */
  void forgetSubnet(String subnetId) {
    subnets.values().removeIf(s -> s.id().equals(subnetId));
  }
}
