package org.openstack.kuryr.neutron.fake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeState.PoolRow;
import org.openstack.kuryr.neutron.fake.FakeState.PortRow;
import org.openstack.kuryr.neutron.fake.FakeState.SubnetRow;
import org.openstack.kuryr.neutron.fake.IpPrefix.Address;

/**
 * Subnets: a CIDR given or carved from a subnet pool, no overlap on a network or within a pool, a
 * gateway (the first host unless given or null), allocation pools, and Neutron's refusal to delete
 * a subnet that ports other than its own still use.
 */
final class SubnetTable implements Table<Subnet> {
  private static final Set<String> CREATE_ATTRIBUTES =
      Set.of(
          "name",
          "description",
          "network_id",
          "ip_version",
          "cidr",
          "gateway_ip",
          "subnetpool_id",
          "prefixlen",
          "enable_dhcp",
          "allocation_pools",
          "host_routes",
          "dns_nameservers");
  private static final Set<String> UPDATE_ATTRIBUTES =
      Set.of("name", "description", "host_routes", "dns_nameservers");

  private final FakeState state;
  private final Allocations allocations;

  SubnetTable(FakeState state, Allocations allocations) {
    this.state = state;
    this.allocations = allocations;
  }

  @Override
  public ResourceKind kind() {
    return ResourceKind.SUBNET;
  }

  @Override
  public List<Subnet> list() {
    return state.subnets.values().stream().map(SubnetRow::toRecord).toList();
  }

  @Override
  public Optional<Subnet> find(String id) {
    return Optional.ofNullable(state.subnets.get(id)).map(SubnetRow::toRecord);
  }

  @Override
  public Subnet create(ResourceRequest request) {
    var attributes = Attributes.of(request, CREATE_ATTRIBUTES);
    String networkId = attributes.string("network_id");
    Table.require(state.networks, networkId, ResourceKind.NETWORK);
    Integer ipVersion = attributes.integer("ip_version");
    if (ipVersion == null) {
      throw Refusal.badRequest("InvalidInput", "ip_version is required");
    }
    PoolRow pool = poolOf(attributes, ipVersion);
    requireSamePool(networkId, ipVersion, pool);
    IpPrefix cidr = cidrOf(attributes, ipVersion, pool);
    requireNoOverlap(networkId, cidr);
    var row = new SubnetRow(state.newId(kind()), networkId, cidr, pool == null ? null : pool.id);
    row.name = attributes.string("name", "");
    row.description = attributes.string("description", "");
    row.gateway = gatewayOf(attributes, cidr);
    row.allocationPools = allocationPools(attributes, cidr, row.gateway);
    row.enableDhcp = attributes.bool("enable_dhcp", true);
    applyRoutesAndServers(row, attributes);
    state.subnets.put(row.id, row);
    if (row.enableDhcp) {
      allocations.giveMetadataPortAnAddress(row);
    }
    return row.toRecord();
  }

  private PoolRow poolOf(Attributes attributes, int ipVersion) {
    String poolId = attributes.string("subnetpool_id");
    if (poolId == null) {
      return null;
    }
    PoolRow pool = Table.require(state.pools, poolId, ResourceKind.SUBNET_POOL);
    if (pool.ipVersion != ipVersion) {
      throw Refusal.badRequest(
          "InvalidInput", "subnet pool " + poolId + " is IPv" + pool.ipVersion);
    }
    return pool;
  }

  // Subnets of one IP version on one network come from the same pool, or all from none.
  private void requireSamePool(String networkId, int ipVersion, PoolRow pool) {
    String poolId = pool == null ? null : pool.id;
    boolean mixed =
        state.subnetsOf(networkId).stream()
            .filter(s -> s.cidr.ipVersion() == ipVersion)
            .anyMatch(s -> !Objects.equals(s.subnetpoolId, poolId));
    if (mixed) {
      throw Refusal.badRequest(
          "NetworkSubnetPoolAffinityError",
          "Subnets hosted on the same network must be allocated from the same subnet pool.");
    }
  }

  private IpPrefix cidrOf(Attributes attributes, int ipVersion, PoolRow pool) {
    String text = attributes.string("cidr");
    if (text == null) {
      if (pool == null) {
        throw Refusal.badRequest("InvalidInput", "a cidr must be given without a subnet pool");
      }
      Integer length = attributes.integer("prefixlen");
      return carve(pool, length == null ? pool.defaultPrefixlen : length);
    }
    IpPrefix cidr = parseCidr(text);
    if (cidr.ipVersion() != ipVersion) {
      throw Refusal.badRequest("InvalidInput", text + " is not IPv" + ipVersion);
    }
    if (pool != null) {
      requireFreeInPool(pool, cidr);
    }
    return cidr;
  }

  static IpPrefix parseCidr(String text) {
    try {
      return IpPrefix.parse(text);
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("InvalidInput", e.getMessage());
    }
  }

  // The first free block of the asked size, in the order of the pool's prefixes.
  private IpPrefix carve(PoolRow pool, int length) {
    if (length < pool.minPrefixlen || length > pool.maxPrefixlen) {
      throw Refusal.badRequest("IllegalSubnetPoolPrefixLength", "prefix length /" + length);
    }
    List<IpPrefix> taken = carvedFrom(pool.id);
    for (IpPrefix prefix : pool.prefixes) {
      if (length < prefix.length()) {
        continue;
      }
      BigInteger step = BigInteger.ONE.shiftLeft(prefix.bits() - length);
      BigInteger start = prefix.network();
      while (start.compareTo(prefix.last()) <= 0) {
        var candidate = new IpPrefix(start, length, prefix.bits());
        Optional<IpPrefix> clash = taken.stream().filter(candidate::overlaps).findFirst();
        if (clash.isEmpty()) {
          return candidate;
        }
        BigInteger next = clash.get().last().add(BigInteger.ONE);
        start = next.add(step).subtract(BigInteger.ONE).divide(step).multiply(step);
      }
    }
    throw Refusal.serverError(
        "SubnetAllocationError",
        "Failed to allocate subnet: Insufficient prefix space to allocate subnet size /"
            + length
            + ".");
  }

  private void requireFreeInPool(PoolRow pool, IpPrefix cidr) {
    boolean inside = pool.prefixes.stream().anyMatch(p -> p.contains(cidr));
    if (!inside || carvedFrom(pool.id).stream().anyMatch(cidr::overlaps)) {
      throw Refusal.serverError(
          "SubnetAllocationError",
          "Failed to allocate subnet: Cannot allocate requested subnet from the available set"
              + " of prefixes.");
    }
  }

  private List<IpPrefix> carvedFrom(String poolId) {
    return state.subnets.values().stream()
        .filter(s -> poolId.equals(s.subnetpoolId))
        .map(s -> s.cidr)
        .toList();
  }

  private void requireNoOverlap(String networkId, IpPrefix cidr) {
    for (SubnetRow other : state.subnetsOf(networkId)) {
      if (other.cidr.overlaps(cidr)) {
        throw Refusal.badRequest(
            "InvalidInput",
            "Requested subnet with cidr: "
                + cidr
                + " for network: "
                + networkId
                + " overlaps with another subnet");
      }
    }
  }

  private static Address gatewayOf(Attributes attributes, IpPrefix cidr) {
    if (!attributes.has("gateway_ip")) {
      return cidr.at(BigInteger.ONE);
    }
    String text = attributes.string("gateway_ip");
    if (text == null) {
      return null;
    }
    Address gateway = Allocations.parseAddress(text);
    if (!cidr.contains(gateway)) {
      throw Refusal.badRequest("InvalidInput", "gateway " + text + " is not in " + cidr);
    }
    return gateway;
  }

  private static List<Subnet.AllocationPool> allocationPools(
      Attributes attributes, IpPrefix cidr, Address gateway) {
    if (!attributes.has("allocation_pools")) {
      return Allocations.defaultPools(cidr, gateway);
    }
    var pools = new ArrayList<Subnet.AllocationPool>();
    for (Map<String, Object> pool : attributes.maps("allocation_pools")) {
      Address start = Allocations.parseAddress((String) pool.get("start"));
      Address end = Allocations.parseAddress((String) pool.get("end"));
      if (!cidr.contains(start) || !cidr.contains(end) || start.compareTo(end) > 0) {
        throw Refusal.badRequest("InvalidAllocationPool", "invalid pool " + start + "-" + end);
      }
      if (gateway != null && gateway.compareTo(start) >= 0 && gateway.compareTo(end) <= 0) {
        throw Refusal.conflict(
            "GatewayConflictWithAllocationPools",
            "Gateway ip " + gateway + " conflicts with allocation pool " + start + "-" + end);
      }
      pools.add(new Subnet.AllocationPool(start.toString(), end.toString()));
    }
    return List.copyOf(pools);
  }

  private static void applyRoutesAndServers(SubnetRow row, Attributes attributes) {
    if (attributes.has("host_routes")) {
      row.hostRoutes =
          attributes.maps("host_routes").stream()
              .map(
                  r ->
                      new Subnet.HostRoute(
                          (String) r.get("destination"), (String) r.get("nexthop")))
              .toList();
    }
    if (attributes.has("dns_nameservers")) {
      row.dnsNameservers = List.copyOf(attributes.strings("dns_nameservers"));
    }
  }

  @Override
  public Subnet update(String id, ResourceRequest request) {
    SubnetRow row = Table.require(state.subnets, id, kind());
    var attributes = Attributes.of(request, UPDATE_ATTRIBUTES);
    row.name = attributes.string("name", row.name);
    row.description = attributes.string("description", row.description);
    applyRoutesAndServers(row, attributes);
    return row.toRecord();
  }

  // Neutron takes the addresses of its own ports (DHCP, metadata) back; anyone else's blocks it.
  @Override
  public void delete(String id) {
    Table.require(state.subnets, id, kind());
    List<PortRow> holders = allocations.portsOnSubnet(id);
    if (holders.stream().anyMatch(p -> !NetworkTable.isNeutrons(p))) {
      throw Refusal.conflict(
          "SubnetInUse",
          "Unable to complete operation on subnet "
              + id
              + ": One or more ports have an IP allocation from this subnet.");
    }
    holders.forEach(p -> p.fixedIps = Allocations.without(p.fixedIps, id));
    state.subnets.remove(id);
  }

  @Override
  public String id(Subnet record) {
    return record.id();
  }

  @Override
  public List<String> tags(Subnet record) {
    return record.tags();
  }

  @Override
  public Map<String, Function<Subnet, String>> filters() {
    return Map.of(
        "id", Subnet::id,
        "name", Subnet::name,
        "network_id", Subnet::networkId,
        "cidr", Subnet::cidr,
        "subnetpool_id", Subnet::subnetpoolId,
        "ip_version", s -> String.valueOf(s.ipVersion()),
        "gateway_ip", Subnet::gatewayIp,
        "enable_dhcp", s -> String.valueOf(s.enableDhcp()));
  }
}
