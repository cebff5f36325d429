package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;
import org.openstack.kuryr.mapping.GatewayRouters.Gateway;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.PortForwardingRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;

/**
 * Published container ports ({@code -p}, {@code -P}) as port forwardings of floating IPs. Docker's
 * "host" becomes a floating IP: by default one that Kuryr allocates per host and router and shares
 * among the containers behind that router, so that one host port is one container's, as on a Docker
 * host; with {@code -p <address>:...} a floating IP the project holds. Kuryr's floating IP is
 * released when its last forwarding goes.
 *
 * <p>Thread-safe: work on the floating IP of one router is serialized.
 */
final class PublishedPorts {
  private static final Logger LOG = Logger.getLogger(PublishedPorts.class.getName());

  private final NeutronClient neutron;
  private final GatewayRouters routers;
  private final ExternalNetwork externalNetwork;
  private final String hostTag;
  private final KeyedLocks locks = new KeyedLocks();

  /**
   * A port forwarding Kuryr created.
   *
   * @param floatingIpId its floating IP
   * @param forwardingId the forwarding
   * @param routerId the router doing the NAT, which the floating IP's lock is named after
   */
  record Published(String floatingIpId, String forwardingId, String routerId) {}

  PublishedPorts(
      NeutronClient neutron,
      GatewayRouters routers,
      ExternalNetwork externalNetwork,
      String hostId) {
    this.neutron = neutron;
    this.routers = routers;
    this.externalNetwork = externalNetwork;
    this.hostTag = ServiceTags.host(hostId);
  }

  /**
   * Creates the forwardings, registering the undo of each step.
   *
   * @param ports the ports to publish; an empty host address stands for any
   */
  List<Published> publish(EndpointState endpoint, List<PublishedPort> ports, Rollback rollback) {
    if (ports.isEmpty()) {
      return List.of();
    }
    FixedIp ipv4 = EndpointFloatingIps.ipv4(endpoint.port(), endpoint);
    Gateway gateway =
        routers.require(endpoint.port().networkId(), ipv4.subnetId(), externalNetwork.id());
    var published = new ArrayList<Published>();
    for (Map.Entry<String, List<PublishedPort>> byAddress : byHostAddress(ports).entrySet()) {
      String address = byAddress.getKey();
      published.addAll(
          locks.with(
              lockOf(gateway.router().id()),
              () -> {
                FloatingIp fip =
                    address.isEmpty()
                        ? sharedFloatingIp(gateway, rollback)
                        : projectFloatingIp(address, gateway, rollback);
                return forward(fip, gateway, endpoint, ipv4, byAddress.getValue(), rollback);
              }));
    }
    return published;
  }

  // An empty host address is the host's: Kuryr's floating IP.
  private static Map<String, List<PublishedPort>> byHostAddress(List<PublishedPort> ports) {
    var groups = new LinkedHashMap<String, List<PublishedPort>>();
    ports.forEach(p -> groups.computeIfAbsent(p.hostIp(), a -> new ArrayList<>()).add(p));
    return groups;
  }

  private FloatingIp sharedFloatingIp(Gateway gateway, Rollback rollback) {
    var query =
        Query.builder()
            .tags(ServiceTags.PUBLISHED, ServiceTags.ALLOCATED, hostTag)
            .where("floating_network_id", gateway.externalNetworkId())
            .build();
    String routerId = gateway.router().id();
    List<FloatingIp> candidates =
        NeutronFailures.call(
            "find the floating IP of router " + routerId, () -> neutron.floatingIps().list(query));
    // A floating IP is bound to a router by its first forwarding; an unbound one is left over.
    return candidates.stream()
        .filter(f -> routerId.equals(f.routerId()))
        .findFirst()
        .or(() -> candidates.stream().filter(f -> f.routerId() == null).findFirst())
        .orElseGet(() -> allocate(gateway, rollback));
  }

  private FloatingIp allocate(Gateway gateway, Rollback rollback) {
    var request =
        FloatingIpRequest.builder()
            .floatingNetworkId(gateway.externalNetworkId())
            .description("published container ports of a Docker host, by Kuryr")
            .tags(List.of(ServiceTags.PUBLISHED, ServiceTags.ALLOCATED, hostTag))
            .build();
    FloatingIp fip =
        NeutronFailures.call(
            "allocate a floating IP on network " + gateway.externalNetworkId(),
            () -> neutron.floatingIps().create(request));
    rollback.push(
        "floating IP " + fip.id(),
        () -> locks.run(lockOf(gateway.router().id()), () -> releaseIfUnused(fip.id())));
    LOG.info(() -> "allocated floating IP " + fip.floatingIpAddress() + " for published ports");
    return fip;
  }

  private FloatingIp projectFloatingIp(String address, Gateway gateway, Rollback rollback) {
    FloatingIp fip =
        NeutronFailures.call(
                "find floating IP " + address,
                () -> neutron.floatingIps().list(Query.where("floating_ip_address", address)))
            .stream()
            .findFirst()
            .orElseThrow(() -> notFloating(address));
    if (fip.portId() != null) {
      throw new ConflictException(
          "floating IP " + address + " belongs to port " + fip.portId() + ": it forwards nothing");
    }
    if (!gateway.externalNetworkId().equals(fip.floatingNetworkId())) {
      throw new InvalidRequestException(
          "floating IP "
              + address
              + " is on network "
              + fip.floatingNetworkId()
              + ", not on network "
              + gateway.externalNetworkId()
              + " of router "
              + gateway.router().id());
    }
    if (!fip.tags().contains(ServiceTags.PUBLISHED)) {
      NeutronFailures.run(
          "tag floating IP " + fip.id(),
          () -> neutron.tags().add(ResourceKind.FLOATING_IP, fip.id(), ServiceTags.PUBLISHED));
      rollback.push(
          "tag of floating IP " + fip.id(),
          () -> locks.run(lockOf(gateway.router().id()), () -> releaseIfUnused(fip.id())));
    }
    return fip;
  }

  private static InvalidRequestException notFloating(String address) {
    return new InvalidRequestException(
        "host address "
            + address
            + " is no floating IP of the project: on a Kuryr network a published port is reached"
            + " through a floating IP; leave the address out, or name a floating IP");
  }

  private List<Published> forward(
      FloatingIp fip,
      Gateway gateway,
      EndpointState endpoint,
      FixedIp ipv4,
      List<PublishedPort> ports,
      Rollback rollback) {
    List<PortForwarding> existing = forwardingsOf(fip);
    boolean ranges =
        NeutronFailures.call("read Neutron's extensions", neutron::capabilities)
            .portForwardingPortRanges();
    var plan = ForwardingPlan.of(ports, existing, fip.floatingIpAddress(), ranges);
    var published = new ArrayList<Published>();
    for (ForwardingPlan.Forwarding forwarding : plan.forwardings()) {
      PortForwarding created = create(fip, endpoint, ipv4, forwarding);
      rollback.push(
          "port forwarding " + created.id(),
          () -> neutron.portForwardings(fip.id()).delete(created.id()));
      published.add(new Published(fip.id(), created.id(), gateway.router().id()));
      LOG.info(
          () ->
              "forwarding "
                  + fip.floatingIpAddress()
                  + ":"
                  + forwarding.external()
                  + "/"
                  + forwarding.protocol()
                  + " to "
                  + ipv4.ipAddress()
                  + ":"
                  + forwarding.internal());
    }
    return published;
  }

  private PortForwarding create(
      FloatingIp fip, EndpointState endpoint, FixedIp ipv4, ForwardingPlan.Forwarding forwarding) {
    var request =
        PortForwardingRequest.builder()
            .protocol(forwarding.protocol())
            .internalPortId(endpoint.port().id())
            .internalIpAddress(ipv4.ipAddress())
            .description(ServiceTags.FORWARDING_DESCRIPTION);
    if (forwarding.internal().size() == 1) {
      request
          .internalPort(forwarding.internal().first())
          .externalPort(forwarding.external().first());
    } else {
      request
          .internalPortRange(forwarding.internal().first(), forwarding.internal().last())
          .externalPortRange(forwarding.external().first(), forwarding.external().last());
    }
    String action =
        "forward "
            + fip.floatingIpAddress()
            + ":"
            + forwarding.external()
            + "/"
            + forwarding.protocol();
    try {
      return neutron.portForwardings(fip.id()).create(request.build());
    } catch (NeutronException.BadRequest e) {
      // Another daemon may have taken the port since the forwardings were listed.
      if (e.getMessage().contains("collision")) {
        throw new ConflictException("failed to " + action + ": " + e.getMessage(), e);
      }
      throw NeutronFailures.translate(action, e);
    } catch (NeutronException e) {
      throw NeutronFailures.translate(action, e);
    }
  }

  /** Deletes forwardings this daemon created, and floating IPs they leave unused. Idempotent. */
  void unpublish(List<Published> published) {
    var byFloatingIp = new LinkedHashMap<String, List<Published>>();
    published.forEach(
        p -> byFloatingIp.computeIfAbsent(p.floatingIpId(), f -> new ArrayList<>()).add(p));
    byFloatingIp.forEach(
        (fipId, forwardings) ->
            locks.run(
                lockOf(forwardings.getFirst().routerId()),
                () -> {
                  forwardings.forEach(f -> deleteForwarding(fipId, f.forwardingId()));
                  releaseIfUnused(fipId);
                }));
  }

  /** Deletes the forwardings to the endpoint's port found in Neutron (after a restart). */
  void unpublishFound(EndpointState endpoint) {
    String portId = endpoint.port().id();
    List<FloatingIp> fips =
        NeutronFailures.call(
            "find floating IPs with published ports",
            () -> neutron.floatingIps().list(Query.tagged(ServiceTags.PUBLISHED)));
    for (FloatingIp fip : fips) {
      locks.run(
          lockOf(fip.routerId()),
          () -> {
            List<PortForwarding> toPort =
                NeutronFailures.call(
                    "list port forwardings of floating IP " + fip.floatingIpAddress(),
                    () ->
                        neutron
                            .portForwardings(fip.id())
                            .list(Query.where("internal_port_id", portId)));
            toPort.forEach(f -> deleteForwarding(fip.id(), f.id()));
            if (!toPort.isEmpty()) {
              releaseIfUnused(fip.id());
            }
          });
    }
  }

  private void deleteForwarding(String fipId, String forwardingId) {
    NeutronFailures.call(
        "delete port forwarding " + forwardingId,
        () -> neutron.portForwardings(fipId).delete(forwardingId));
  }

  // Neutron refuses to delete a floating IP that still forwards ports, so a race with another
  // container's publishing keeps the floating IP rather than breaking that container.
  private void releaseIfUnused(String fipId) {
    Optional<FloatingIp> fip =
        NeutronFailures.call("read floating IP " + fipId, () -> neutron.floatingIps().find(fipId));
    if (fip.isEmpty() || !forwardingsOf(fip.get()).isEmpty()) {
      return;
    }
    if (!fip.get().tags().contains(ServiceTags.ALLOCATED)) {
      NeutronFailures.call(
          "untag floating IP " + fipId,
          () -> neutron.tags().remove(ResourceKind.FLOATING_IP, fipId, ServiceTags.PUBLISHED));
      return;
    }
    try {
      neutron.floatingIps().delete(fipId);
      LOG.info(() -> "released floating IP " + fip.get().floatingIpAddress());
    } catch (NeutronException.Conflict stillUsed) {
      LOG.info(() -> "kept floating IP " + fip.get().floatingIpAddress() + ": still forwarding");
    } catch (NeutronException e) {
      throw NeutronFailures.translate("release floating IP " + fipId, e);
    }
  }

  private List<PortForwarding> forwardingsOf(FloatingIp fip) {
    return NeutronFailures.call(
        "list port forwardings of floating IP " + fip.floatingIpAddress(),
        () -> neutron.portForwardings(fip.id()).list());
  }

  private static String lockOf(String routerId) {
    return "floating IP of router " + routerId;
  }
}
