package org.openstack.kuryr.neutron.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.TrunkRequest;
import org.openstack.kuryr.neutron.Trunks;
import tools.jackson.databind.JsonNode;

/** Trunks, with their subport actions. Thread-safe. */
final class HttpTrunks extends HttpResources<Trunk, TrunkRequest> implements Trunks {
  HttpTrunks(NeutronCalls calls, Supplier<Capabilities> capabilities) {
    super(ResourceKind.TRUNK, "trunks", "trunks", "trunk", Trunk.class, calls, capabilities);
  }

  @Override
  public Trunk addSubports(String trunkId, List<SubPort> subPorts) {
    var body = subPorts.stream().map(HttpTrunks::subPort).toList();
    return action(trunkId, "add_subports", "add subports to", body);
  }

  @Override
  public Trunk removeSubports(String trunkId, List<String> subPortIds) {
    var body = subPortIds.stream().map(id -> Map.<String, Object>of("port_id", id)).toList();
    return action(trunkId, "remove_subports", "remove subports from", body);
  }

  @Override
  public List<SubPort> subports(String trunkId) {
    Call call =
        Call.of(
            "GET",
            itemPath(trunkId) + "/get_subports",
            "trunks/get_subports",
            "list subports of",
            "trunk",
            trunkId);
    var subPorts = new ArrayList<SubPort>();
    for (JsonNode node : calls.json(call).path("sub_ports")) {
      subPorts.add(calls.convert(call, node, SubPort.class));
    }
    return List.copyOf(subPorts);
  }

  // The subport actions answer with the trunk itself, not wrapped in a "trunk" key.
  private Trunk action(
      String trunkId, String action, String verb, List<Map<String, Object>> subPorts) {
    Call call =
        Call.of("PUT", itemPath(trunkId) + "/" + action, "trunks/" + action, verb, "trunk", trunkId)
            .withBody(Map.of("sub_ports", subPorts));
    return calls.convert(call, calls.json(call), Trunk.class);
  }

  private static Map<String, Object> subPort(SubPort subPort) {
    var map = new LinkedHashMap<String, Object>();
    map.put("port_id", subPort.portId());
    if (subPort.segmentationType() != null) {
      map.put("segmentation_type", subPort.segmentationType());
    }
    if (subPort.segmentationId() != null) {
      map.put("segmentation_id", subPort.segmentationId());
    }
    return map;
  }
}
