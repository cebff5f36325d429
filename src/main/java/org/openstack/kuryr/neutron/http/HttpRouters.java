package org.openstack.kuryr.neutron.http;

import java.util.Map;
import java.util.function.Supplier;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Router;
import org.openstack.kuryr.neutron.RouterInterface;
import org.openstack.kuryr.neutron.RouterInterfaceRequest;
import org.openstack.kuryr.neutron.RouterRequest;
import org.openstack.kuryr.neutron.Routers;

/** Routers, with their interface actions. Thread-safe. */
final class HttpRouters extends HttpResources<Router, RouterRequest> implements Routers {
  HttpRouters(NeutronCalls calls, Supplier<Capabilities> capabilities) {
    super(ResourceKind.ROUTER, "routers", "routers", "router", Router.class, calls, capabilities);
  }

  @Override
  public RouterInterface addInterface(String routerId, RouterInterfaceRequest request) {
    Call call = interfaceCall(routerId, "add_router_interface", "add interface on", request);
    return calls.convert(call, calls.json(call), RouterInterface.class);
  }

  // Neutron answers 404 both when the router is gone and when it has no interface there
  // (RouterInterfaceNotFound...): either way the interface is gone, as the caller wants.
  @Override
  public boolean removeInterface(String routerId, RouterInterfaceRequest request) {
    try {
      calls.json(
          interfaceCall(routerId, "remove_router_interface", "remove interface on", request));
      return true;
    } catch (NeutronException.NotFound e) {
      return false;
    }
  }

  private Call interfaceCall(
      String routerId, String action, String verb, RouterInterfaceRequest request) {
    Map<String, Object> body =
        request.subnetId() != null
            ? Map.of("subnet_id", request.subnetId())
            : Map.of("port_id", request.portId());
    String fullVerb = verb + " " + request.target() + (action.startsWith("add") ? " to" : " from");
    return Call.of(
            "PUT",
            itemPath(routerId) + "/" + action,
            "routers/" + action,
            fullVerb,
            "router",
            routerId)
        .withBody(body);
  }
}
