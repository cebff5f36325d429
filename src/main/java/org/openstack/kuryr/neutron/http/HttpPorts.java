package org.openstack.kuryr.neutron.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Ports;
import org.openstack.kuryr.neutron.ResourceKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Ports, with Neutron's bulk create. Thread-safe. */
final class HttpPorts extends HttpResources<Port, PortRequest> implements Ports {
  HttpPorts(NeutronCalls calls, Supplier<Capabilities> capabilities) {
    super(ResourceKind.PORT, "ports", "ports", "port", Port.class, calls, capabilities);
  }

  @Override
  public List<Port> create(List<PortRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    boolean anyTags = requests.stream().anyMatch(r -> !r.tags().isEmpty());
    boolean tagsInBody = anyTags && tagsOnCreate();
    List<Map<String, Object>> bodies =
        requests.stream().map(r -> body(r, tagsInBody && !r.tags().isEmpty())).toList();
    Call call =
        Call.of("POST", "ports", "ports", "create", requests.size() + " ports", null)
            .withBody(Map.of("ports", bodies));
    JsonNode created = calls.json(call).path("ports");
    if (!anyTags) {
      return convertAll(call, created);
    }
    return convertAll(call, tagAllAfterCreate(created, requests));
  }

  // Neutron creates a bulk all or nothing; tagging afterwards is one request per port that lacks
  // its tags, so on a failure every port of the bulk is deleted again to keep that promise.
  private List<JsonNode> tagAllAfterCreate(JsonNode created, List<PortRequest> requests) {
    var tagged = new ArrayList<JsonNode>();
    for (int i = 0; i < requests.size(); i++) {
      List<String> tags = requests.get(i).tags();
      ObjectNode port = (ObjectNode) created.get(i);
      try {
        tagged.add(carries(port, tags) ? port : setTags(port, tags));
      } catch (NeutronException e) {
        deleteAll(created, e);
        throw e;
      }
    }
    return tagged;
  }

  private void deleteAll(JsonNode created, NeutronException cause) {
    for (JsonNode port : created) {
      try {
        delete(port.path("id").asString());
      } catch (NeutronException undo) {
        cause.addSuppressed(undo);
      }
    }
  }

  private List<Port> convertAll(Call call, Iterable<JsonNode> nodes) {
    var ports = new ArrayList<Port>();
    nodes.forEach(node -> ports.add(calls.convert(call, node, Port.class)));
    return List.copyOf(ports);
  }
}
