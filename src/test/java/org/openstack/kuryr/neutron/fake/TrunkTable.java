package org.openstack.kuryr.neutron.fake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.fake.FakeState.PortRow;
import org.openstack.kuryr.neutron.fake.FakeState.TrunkRow;

/**
 * Trunks as the trunk plugin with ML2/OVN keeps them: a parent port carries subports told apart by
 * VLAN ID. A port is the parent or subport of one trunk at most ({@code TrunkPortInUse}); a port
 * with a device is no subport ({@code PortInUse}); a VLAN ID is used once per trunk ({@code
 * DuplicateSubPort}). An added subport is owned by {@code trunk:subport}, loses its device ID and
 * is bound to the parent's host (real Neutron binds it a moment after the request, which the
 * contract does not wait for); a removed one is unbound and owned by no one.
 */
final class TrunkTable implements Table<Trunk> {
  static final String SUBPORT_OWNER = "trunk:subport";
  private static final Set<String> ATTRIBUTES =
      Set.of("name", "description", "port_id", "admin_state_up", "sub_ports");
  private static final Set<String> UPDATE_ATTRIBUTES =
      Set.of("name", "description", "admin_state_up");

  private final FakeState state;

  TrunkTable(FakeState state) {
    this.state = state;
  }

  @Override
  public ResourceKind kind() {
    return ResourceKind.TRUNK;
  }

  @Override
  public List<Trunk> list() {
    return state.trunks.values().stream().map(TrunkRow::toRecord).toList();
  }

  @Override
  public Optional<Trunk> find(String id) {
    return Optional.ofNullable(state.trunks.get(id)).map(TrunkRow::toRecord);
  }

  @Override
  public Trunk create(ResourceRequest request) {
    var attributes = Attributes.of(request, ATTRIBUTES);
    String portId = attributes.string("port_id");
    Table.require(state.ports, portId, ResourceKind.PORT);
    requireNoTrunkPort(portId);
    var row = new TrunkRow(state.newId(kind()), portId);
    row.name = attributes.string("name", "");
    row.description = attributes.string("description", "");
    row.adminStateUp = attributes.bool("admin_state_up", true);
    state.trunks.put(row.id, row);
    if (attributes.has("sub_ports")) {
      addSubports(row, subPorts(attributes.maps("sub_ports")));
    }
    return row.toRecord();
  }

  @Override
  public Trunk update(String id, ResourceRequest request) {
    TrunkRow row = Table.require(state.trunks, id, kind());
    var attributes = Attributes.of(request, UPDATE_ATTRIBUTES);
    row.name = attributes.string("name", row.name);
    row.description = attributes.string("description", row.description);
    row.adminStateUp = attributes.bool("admin_state_up", row.adminStateUp);
    return row.toRecord();
  }

  // The subports go with the trunk, as when each is removed.
  @Override
  public void delete(String id) {
    TrunkRow row = Table.require(state.trunks, id, kind());
    removeSubports(row, row.subports.stream().map(SubPort::portId).toList());
    state.trunks.remove(id);
  }

  /** Checks every subport first: all are added, or none. */
  Trunk addSubports(String trunkId, List<SubPort> subPorts) {
    TrunkRow trunk = Table.require(state.trunks, trunkId, kind());
    addSubports(trunk, subPorts);
    return trunk.toRecord();
  }

  private void addSubports(TrunkRow trunk, List<SubPort> subPorts) {
    for (SubPort subPort : subPorts) {
      requireFitsOn(trunk, subPort);
    }
    PortRow parent = state.ports.get(trunk.portId);
    for (SubPort subPort : subPorts) {
      trunk.subports.add(SubPort.vlan(subPort.portId(), subPort.segmentationId()));
      PortRow port = state.ports.get(subPort.portId());
      port.deviceOwner = SUBPORT_OWNER;
      port.deviceId = "";
      port.hostId = parent == null ? "" : parent.hostId;
      port.revision++;
    }
    trunk.revision++;
  }

  private void requireFitsOn(TrunkRow trunk, SubPort subPort) {
    PortRow port = Table.require(state.ports, subPort.portId(), ResourceKind.PORT);
    requireNoTrunkPort(port.id);
    if (!port.deviceId.isEmpty()) {
      throw Refusal.conflict(
          "PortInUse",
          "Unable to complete operation on port "
              + port.id
              + " for network "
              + port.networkId
              + ". Port already has an attached device "
              + port.deviceId
              + ".");
    }
    if (subPort.segmentationId() == null) {
      throw Refusal.badRequest("InvalidInput", "a VLAN subport needs a segmentation_id");
    }
    boolean vlanTaken =
        trunk.subports.stream().anyMatch(s -> s.segmentationId().equals(subPort.segmentationId()));
    if (vlanTaken) {
      throw Refusal.conflict(
          "DuplicateSubPort",
          "segmentation_type vlan and segmentation_id "
              + subPort.segmentationId()
              + " already in use on trunk "
              + trunk.id
              + ".");
    }
  }

  private void requireNoTrunkPort(String portId) {
    Optional<TrunkRow> user = state.trunkOfParent(portId).or(() -> state.trunkOfSubport(portId));
    if (user.isPresent()) {
      throw Refusal.conflict(
          "TrunkPortInUse", "Port " + portId + " is in use by trunk " + user.get().id + ".");
    }
  }

  /** Removes subports, all or none: each must be a subport of this trunk. */
  Trunk removeSubports(String trunkId, List<String> portIds) {
    TrunkRow trunk = Table.require(state.trunks, trunkId, kind());
    for (String portId : portIds) {
      if (trunk.subport(portId).isEmpty()) {
        throw Refusal.notFound(
            "SubPortNotFound",
            "SubPort on trunk " + trunkId + " with parent port " + portId + " could not be found.");
      }
    }
    removeSubports(trunk, portIds);
    return trunk.toRecord();
  }

  private void removeSubports(TrunkRow trunk, List<String> portIds) {
    for (String portId : portIds) {
      trunk.subports.removeIf(s -> s.portId().equals(portId));
      PortRow port = state.ports.get(portId);
      port.deviceOwner = "";
      port.hostId = "";
      port.revision++;
    }
    trunk.revision++;
  }

  List<SubPort> subports(String trunkId) {
    return List.copyOf(Table.require(state.trunks, trunkId, kind()).subports);
  }

  static List<SubPort> subPorts(List<Map<String, Object>> maps) {
    return maps.stream()
        .map(
            m ->
                new SubPort(
                    (String) m.get("port_id"),
                    (String) m.get("segmentation_type"),
                    (Integer) m.get("segmentation_id"),
                    null))
        .toList();
  }

  @Override
  public String id(Trunk record) {
    return record.id();
  }

  @Override
  public List<String> tags(Trunk record) {
    return record.tags();
  }

  @Override
  public Map<String, Function<Trunk, String>> filters() {
    return Map.of("id", Trunk::id, "name", Trunk::name, "port_id", Trunk::portId);
  }
}
