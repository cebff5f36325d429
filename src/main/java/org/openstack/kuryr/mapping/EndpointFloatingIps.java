package org.openstack.kuryr.mapping;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.GatewayRouters.Gateway;
import org.openstack.kuryr.mapping.ServiceOptions.FloatingIpWish;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;

/**
 * Floating IPs of containers (1:1 NAT), asked for with {@code neutron.floatingip=auto|<address>}.
 * An address the project already holds is associated and later only disassociated; any other
 * floating IP is allocated for the container and released with it. Kuryr finds them again by the
 * endpoint's tags.
 *
 * <p>Thread-safe; calls for one endpoint are serialized by the caller.
 */
final class EndpointFloatingIps {
  private static final Logger LOG = Logger.getLogger(EndpointFloatingIps.class.getName());

  private final NeutronClient neutron;
  private final GatewayRouters routers;
  private final ExternalNetwork externalNetwork;
  private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

  /** A floating IP an endpoint holds, and whether Kuryr allocated it. */
  private record Held(String floatingIpId, boolean allocated) {}

  EndpointFloatingIps(
      NeutronClient neutron, GatewayRouters routers, ExternalNetwork externalNetwork) {
    this.neutron = neutron;
    this.routers = routers;
    this.externalNetwork = externalNetwork;
  }

  /** Associates a floating IP with the endpoint's port; on failure leaves nothing behind. */
  void associate(EndpointState endpoint, FloatingIpWish wish) {
    Port port = endpoint.port();
    FixedIp ipv4 = ipv4(port, endpoint);
    Gateway gateway = routers.require(port.networkId(), ipv4.subnetId(), externalNetwork.id());
    try (var rollback = new Rollback("associate floating IP with port " + port.id())) {
      try {
        Optional<FloatingIp> existing = wish.address().flatMap(this::withAddress);
        Held fip =
            existing.isPresent()
                ? useExisting(existing.get(), gateway, endpoint, ipv4, rollback)
                : allocate(wish, gateway, endpoint, ipv4, rollback);
        tagPort(port.id(), ServiceTags.PORT_FLOATING_IP);
        held.put(endpoint.endpointId(), fip);
        rollback.commit();
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  static FixedIp ipv4(Port port, EndpointState endpoint) {
    return port.fixedIps().stream()
        .filter(ip -> Cidr.parseAddress(ip.ipAddress()) instanceof Inet4Address)
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "container of endpoint "
                        + NetworkDirectory.shortId(endpoint.endpointId())
                        + " has no IPv4 address on network "
                        + port.networkId()
                        + ": floating IPs are IPv4"));
  }

  private Optional<FloatingIp> withAddress(String address) {
    return NeutronFailures.call(
            "find floating IP " + address,
            () -> neutron.floatingIps().list(Query.where("floating_ip_address", address)))
        .stream()
        .findFirst();
  }

  private Held allocate(
      FloatingIpWish wish,
      Gateway gateway,
      EndpointState endpoint,
      FixedIp ipv4,
      Rollback rollback) {
    var tags = new ArrayList<>(KuryrTags.idTags(endpoint.endpointId()));
    tags.add(ServiceTags.ALLOCATED);
    var request =
        FloatingIpRequest.builder()
            .floatingNetworkId(gateway.externalNetworkId())
            .portId(endpoint.port().id())
            .fixedIpAddress(ipv4.ipAddress())
            .description("floating IP of a Docker container, by Kuryr")
            .tags(tags);
    wish.address().ifPresent(request::floatingIpAddress);
    FloatingIp fip =
        NeutronFailures.call(
            "allocate floating IP for port " + endpoint.port().id(),
            () -> neutron.floatingIps().create(request.build()));
    rollback.push("floating IP " + fip.id(), () -> neutron.floatingIps().delete(fip.id()));
    LOG.info(
        () ->
            "allocated floating IP "
                + fip.floatingIpAddress()
                + " for "
                + ipv4.ipAddress()
                + " of port "
                + endpoint.port().id());
    return new Held(fip.id(), true);
  }

  private Held useExisting(
      FloatingIp fip, Gateway gateway, EndpointState endpoint, FixedIp ipv4, Rollback rollback) {
    String portId = endpoint.port().id();
    if (fip.portId() != null && !fip.portId().equals(portId)) {
      throw new ConflictException(
          "floating IP " + fip.floatingIpAddress() + " is in use by port " + fip.portId());
    }
    if (!gateway.externalNetworkId().equals(fip.floatingNetworkId())) {
      throw new InvalidRequestException(
          "floating IP "
              + fip.floatingIpAddress()
              + " is on network "
              + fip.floatingNetworkId()
              + ", but router "
              + gateway.router().id()
              + " of the container's subnet leads to network "
              + gateway.externalNetworkId());
    }
    var associate = FloatingIpRequest.builder().portId(portId).fixedIpAddress(ipv4.ipAddress());
    NeutronFailures.call(
        "associate floating IP " + fip.floatingIpAddress() + " with port " + portId,
        () -> neutron.floatingIps().update(fip.id(), associate.build()));
    rollback.push(
        "association of " + fip.id(),
        () -> neutron.floatingIps().update(fip.id(), FloatingIpRequest.disassociate()));
    for (String tag : KuryrTags.idTags(endpoint.endpointId())) {
      NeutronFailures.run(
          "tag floating IP " + fip.id(),
          () -> neutron.tags().add(ResourceKind.FLOATING_IP, fip.id(), tag));
      rollback.push(
          "tag " + tag, () -> neutron.tags().remove(ResourceKind.FLOATING_IP, fip.id(), tag));
    }
    LOG.info(() -> "associated floating IP " + fip.floatingIpAddress() + " with port " + portId);
    return new Held(fip.id(), false);
  }

  /** Releases or disassociates the endpoint's floating IP, if it has one. Idempotent. */
  void release(EndpointState endpoint) {
    Held known = held.remove(endpoint.endpointId());
    Port port = endpoint.port();
    if (known == null && !port.tags().contains(ServiceTags.PORT_FLOATING_IP)) {
      return;
    }
    for (FloatingIp fip : floatingIpsOf(endpoint, known)) {
      if (fip.tags().contains(ServiceTags.ALLOCATED)) {
        NeutronFailures.call(
            "release floating IP " + fip.id(), () -> neutron.floatingIps().delete(fip.id()));
        LOG.info(() -> "released floating IP " + fip.floatingIpAddress());
      } else {
        giveBack(fip, endpoint.endpointId());
      }
    }
    NeutronFailures.call(
        "untag port " + port.id(),
        () -> neutron.tags().remove(ResourceKind.PORT, port.id(), ServiceTags.PORT_FLOATING_IP));
  }

  private List<FloatingIp> floatingIpsOf(EndpointState endpoint, Held known) {
    if (known != null) {
      return NeutronFailures.call(
              "read floating IP " + known.floatingIpId(),
              () -> neutron.floatingIps().find(known.floatingIpId()))
          .stream()
          .toList();
    }
    var tags = KuryrTags.idTags(endpoint.endpointId()).toArray(String[]::new);
    return NeutronFailures.call(
        "find floating IPs of endpoint " + NetworkDirectory.shortId(endpoint.endpointId()),
        () -> neutron.floatingIps().list(Query.tagged(tags)));
  }

  private void giveBack(FloatingIp fip, String endpointId) {
    NeutronFailures.call(
        "disassociate floating IP " + fip.id(),
        () -> neutron.floatingIps().update(fip.id(), FloatingIpRequest.disassociate()));
    for (String tag : KuryrTags.idTags(endpointId)) {
      NeutronFailures.call(
          "untag floating IP " + fip.id(),
          () -> neutron.tags().remove(ResourceKind.FLOATING_IP, fip.id(), tag));
    }
    LOG.info(() -> "disassociated floating IP " + fip.floatingIpAddress());
  }

  private void tagPort(String portId, String tag) {
    NeutronFailures.run(
        "tag port " + portId, () -> neutron.tags().add(ResourceKind.PORT, portId, tag));
  }
}
