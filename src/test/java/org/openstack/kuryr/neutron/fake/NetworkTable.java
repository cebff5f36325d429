package org.openstack.kuryr.neutron.fake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.fake.FakeState.NetworkRow;
import org.openstack.kuryr.neutron.fake.FakeState.PortRow;

/** Networks: deleting one with ports refuses, except for Neutron's own ({@code network:*}). */
final class NetworkTable implements Table<Network> {
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "name",
          "description",
          "admin_state_up",
          "shared",
          "mtu",
          "dns_domain",
          "port_security_enabled");

  private final FakeState state;

  NetworkTable(FakeState state) {
    this.state = state;
  }

  @Override
  public ResourceKind kind() {
    return ResourceKind.NETWORK;
  }

  @Override
  public List<Network> list() {
    return state.networks.values().stream().map(this::record).toList();
  }

  @Override
  public Optional<Network> find(String id) {
    return Optional.ofNullable(state.networks.get(id)).map(this::record);
  }

  @Override
  public Network create(ResourceRequest request) {
    var row = new NetworkRow(state.newId(kind()));
    apply(row, Attributes.of(request, ATTRIBUTES));
    state.networks.put(row.id, row);
    state.addMetadataPort(row.id);
    return record(row);
  }

  @Override
  public Network update(String id, ResourceRequest request) {
    NetworkRow row = Table.require(state.networks, id, kind());
    apply(row, Attributes.of(request, ATTRIBUTES));
    return record(row);
  }

  private static void apply(NetworkRow row, Attributes attributes) {
    row.name = attributes.string("name", row.name);
    row.description = attributes.string("description", row.description);
    row.adminStateUp = attributes.bool("admin_state_up", row.adminStateUp);
    row.shared = attributes.bool("shared", row.shared);
  }

  // Neutron deletes the network's subnets with it, and its own DHCP and metadata ports.
  @Override
  public void delete(String id) {
    Table.require(state.networks, id, kind());
    List<PortRow> ports = state.portsOn(id);
    List<String> users = ports.stream().filter(p -> !isNeutrons(p)).map(p -> p.id).toList();
    if (!users.isEmpty()) {
      throw Refusal.conflict(
          "NetworkInUse",
          "Unable to complete operation on network "
              + id
              + ". There are one or more ports still in use on the network: "
              + users);
    }
    ports.forEach(p -> state.ports.remove(p.id));
    state.subnetsOf(id).forEach(s -> state.subnets.remove(s.id));
    state.networks.remove(id);
  }

  static boolean isNeutrons(PortRow port) {
    return port.deviceOwner.startsWith("network:");
  }

  @Override
  public String id(Network record) {
    return record.id();
  }

  @Override
  public List<String> tags(Network record) {
    return record.tags();
  }

  @Override
  public Map<String, Function<Network, String>> filters() {
    return Map.of(
        "id",
        Network::id,
        "name",
        Network::name,
        "shared",
        n -> String.valueOf(n.shared()),
        "admin_state_up",
        n -> String.valueOf(n.adminStateUp()));
  }

  private Network record(NetworkRow row) {
    return row.toRecord(state.subnetsOf(row.id).stream().map(s -> s.id).toList());
  }
}
