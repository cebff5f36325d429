package org.openstack.kuryr.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Router;

/**
 * Finds the router that connects a subnet to an external network: floating IPs and their port
 * forwardings only work for ports whose subnet has such a router. Thread-safe (stateless).
 */
final class GatewayRouters {
  // The device owners of a router's ports on tenant subnets (legacy, DVR and HA routers).
  private static final List<String> INTERFACE_OWNERS =
      List.of(
          "network:router_interface",
          "network:router_interface_distributed",
          "network:ha_router_replicated_interface");

  private final NeutronClient neutron;

  GatewayRouters(NeutronClient neutron) {
    this.neutron = neutron;
  }

  /**
   * A router with an external gateway and an interface on the subnet.
   *
   * @param router the router
   * @param externalNetworkId the network of its gateway, where floating IPs come from
   */
  record Gateway(Router router, String externalNetworkId) {}

  /** The routers with an interface on the subnet, in the order Neutron lists their ports. */
  Set<String> routersOn(String networkId, String subnetId) {
    var query = Query.builder().where("network_id", networkId);
    INTERFACE_OWNERS.forEach(owner -> query.where("device_owner", owner));
    query.where("fixed_ips", "subnet_id=" + subnetId);
    List<Port> interfaces =
        NeutronFailures.call(
            "find routers of subnet " + subnetId, () -> neutron.ports().list(query.build()));
    var routers = new LinkedHashSet<String>();
    interfaces.forEach(p -> routers.add(p.deviceId()));
    return routers;
  }

  /**
   * The router that gives the subnet a way out: the first with an external gateway, on {@code
   * externalNetworkId} when that is given.
   *
   * @throws InvalidRequestException when the subnet has no router with an external gateway
   */
  Gateway require(String networkId, String subnetId, Optional<String> externalNetworkId) {
    for (String routerId : routersOn(networkId, subnetId)) {
      Optional<Gateway> gateway =
          gatewayOf(routerId)
              .filter(g -> externalNetworkId.map(g.externalNetworkId()::equals).orElse(true));
      if (gateway.isPresent()) {
        return gateway.get();
      }
    }
    throw noGateway(subnetId, externalNetworkId);
  }

  private Optional<Gateway> gatewayOf(String routerId) {
    Optional<Router> router =
        NeutronFailures.call("read router " + routerId, () -> neutron.routers().find(routerId));
    return router
        .filter(r -> r.externalGatewayInfo() != null && r.externalGatewayInfo().networkId() != null)
        .map(r -> new Gateway(r, r.externalGatewayInfo().networkId()));
  }

  private static InvalidRequestException noGateway(
      String subnetId, Optional<String> externalNetworkId) {
    return new InvalidRequestException(
        "subnet "
            + subnetId
            + " has no router with an external gateway"
            + externalNetworkId.map(n -> " on network " + n).orElse("")
            + ", so floating IPs cannot reach it: attach one to the subnet, or create the Docker"
            + " network with -o "
            + ServiceOptions.ROUTER
            + ".name=<router>");
  }
}
