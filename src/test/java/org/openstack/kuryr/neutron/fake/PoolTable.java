package org.openstack.kuryr.neutron.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.fake.FakeState.PoolRow;

/** Subnet pools: prefixes of one IP version; deleting one that subnets use is refused (400). */
final class PoolTable implements Table<SubnetPool> {
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "name",
          "description",
          "prefixes",
          "default_prefixlen",
          "min_prefixlen",
          "max_prefixlen",
          "shared",
          "is_default");

  private final FakeState state;

  PoolTable(FakeState state) {
    this.state = state;
  }

  @Override
  public ResourceKind kind() {
    return ResourceKind.SUBNET_POOL;
  }

  @Override
  public List<SubnetPool> list() {
    return state.pools.values().stream().map(PoolRow::toRecord).toList();
  }

  @Override
  public Optional<SubnetPool> find(String id) {
    return Optional.ofNullable(state.pools.get(id)).map(PoolRow::toRecord);
  }

  @Override
  public SubnetPool create(ResourceRequest request) {
    var attributes = Attributes.of(request, ATTRIBUTES);
    List<IpPrefix> prefixes = prefixes(attributes);
    int bits = prefixes.getFirst().bits();
    var row = new PoolRow(state.newId(kind()), prefixes.getFirst().ipVersion());
    row.prefixes = new ArrayList<>(prefixes);
    row.minPrefixlen = orElse(attributes.integer("min_prefixlen"), bits == 32 ? 8 : 64);
    row.maxPrefixlen = orElse(attributes.integer("max_prefixlen"), bits);
    row.defaultPrefixlen = orElse(attributes.integer("default_prefixlen"), row.minPrefixlen);
    row.name = attributes.string("name", "");
    row.description = attributes.string("description", "");
    row.shared = attributes.bool("shared", false);
    state.pools.put(row.id, row);
    return row.toRecord();
  }

  private static List<IpPrefix> prefixes(Attributes attributes) {
    List<String> texts = attributes.strings("prefixes");
    if (texts == null || texts.isEmpty()) {
      throw Refusal.badRequest("InvalidInput", "a subnet pool needs prefixes");
    }
    List<IpPrefix> prefixes = texts.stream().map(SubnetTable::parseCidr).toList();
    if (prefixes.stream().map(IpPrefix::bits).distinct().count() > 1) {
      throw Refusal.badRequest("PrefixVersionMismatch", "mixed IPv4 and IPv6 prefixes");
    }
    return prefixes;
  }

  private static int orElse(Integer value, int absent) {
    return value == null ? absent : value;
  }

  @Override
  public SubnetPool update(String id, ResourceRequest request) {
    PoolRow row = Table.require(state.pools, id, kind());
    var attributes = Attributes.of(request, ATTRIBUTES);
    row.name = attributes.string("name", row.name);
    row.description = attributes.string("description", row.description);
    if (attributes.has("prefixes")) {
      row.prefixes = new ArrayList<>(prefixes(attributes));
    }
    return row.toRecord();
  }

  @Override
  public void delete(String id) {
    Table.require(state.pools, id, kind());
    if (state.subnets.values().stream().anyMatch(s -> id.equals(s.subnetpoolId))) {
      throw Refusal.badRequest(
          "SubnetPoolDeleteError",
          "Unable to delete subnet pool: Subnet pool has existing allocations.");
    }
    state.pools.remove(id);
  }

  @Override
  public String id(SubnetPool record) {
    return record.id();
  }

  @Override
  public List<String> tags(SubnetPool record) {
    return record.tags();
  }

  @Override
  public Map<String, Function<SubnetPool, String>> filters() {
    return Map.of(
        "id", SubnetPool::id,
        "name", SubnetPool::name,
        "ip_version", p -> String.valueOf(p.ipVersion()));
  }
}
