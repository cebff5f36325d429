package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * Bare metal: the port is bound to this host and its veth plugged into the datapath Neutron bound
 * it to.
 */
final class HostAttachment implements PortAttachment {
  private static final Logger LOG = Logger.getLogger(HostAttachment.class.getName());

  private final NeutronClient neutron;
  private final PortBinder binder;
  private final String hostId;
  private final PortReadiness readiness;
  private final PortServices services;

  HostAttachment(
      NeutronClient neutron,
      PortBinder binder,
      String hostId,
      PortReadiness readiness,
      PortServices services) {
    this.neutron = neutron;
    this.binder = binder;
    this.hostId = hostId;
    this.readiness = readiness;
    this.services = services;
  }

  @Override
  public EndpointState attach(
      Port reserved, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    Port port = bind(reserved, fixedIps, view, spec);
    BoundPort bound = PortAttachment.boundPort(port, view, spec.endpointId());
    try (var rollback = new Rollback("plug port " + port.id())) {
      try {
        PluggedInterface plugged = binder.plug(bound);
        rollback.push("plug " + port.id(), () -> binder.unplug(bound));
        readiness.await(bound);
        rollback.commit();
        return new EndpointState(spec.dockerNetworkId(), spec.endpointId(), port, bound, plugged);
      } catch (BindingException e) {
        throw rollback.fail(hostFailure("plug port " + port.id(), e));
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  @Override
  public Optional<String> prebindHost() {
    return Optional.of(hostId);
  }

  @Override
  public boolean attachesWithoutNeutron(
      Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    return newMac(port, spec).isEmpty()
        && update(port, fixedIps, view, spec).build().attributes().isEmpty();
  }

  // One update binds the port and names its device: ML2 needs binding:host_id and device_owner
  // together (DVR), and OVN only publishes DNS records of ports that have a device. The port's
  // security groups go into the same update. A port bound here already with the right groups
  // (created so, or from the pool) gets no update at all: it would take Neutron as long as the
  // binding did, while the container waits; its endpoint is recorded by tags.
  private Port bind(Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    Optional<String> newMac = newMac(port, spec);
    Port current = newMac.isPresent() && isBound(port) ? unbind(port) : port;
    PortRequest.Builder request = update(current, fixedIps, view, spec);
    newMac.ifPresent(request::macAddress);
    if (request.build().attributes().isEmpty()) {
      return current;
    }
    request.deviceId(spec.endpointId());
    if (PortOwnership.of(current) != PortOwnership.USER) {
      request.name(KuryrTags.portName(spec.endpointId()));
    }
    return NeutronFailures.call(
        "bind port " + port.id() + " to host " + hostId,
        () -> neutron.ports().update(port.id(), request.build()));
  }

  private static Optional<String> newMac(Port port, EndpointSpec spec) {
    return spec.macAddress().filter(mac -> !mac.equalsIgnoreCase(port.macAddress()));
  }

  /** What the port lacks to serve the endpoint on this host, MAC aside. */
  private PortRequest.Builder update(
      Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    var request = PortRequest.builder();
    if (!boundHere(port)) {
      request.bindingHostId(hostId).deviceOwner(KuryrTags.DEVICE_OWNER).adminStateUp(true);
    }
    if (!sameAddresses(port, fixedIps)) {
      request.fixedIps(fixedIps);
    }
    var services = PortRequest.builder();
    this.services.addToBinding(services, port, view, spec);
    services.build().attributes().entrySet().stream()
        .filter(wanted -> !has(port, wanted.getKey(), wanted.getValue()))
        .forEach(wanted -> request.attribute(wanted.getKey(), wanted.getValue()));
    return request;
  }

  // Whether the port has the attribute the services want already; only its security groups, as
  // a set, are compared: anything else is always sent.
  private static boolean has(Port port, String attribute, Object value) {
    return attribute.equals("security_groups")
        && value instanceof List<?> groups
        && Set.copyOf(groups).equals(Set.copyOf(port.securityGroups()));
  }

  private boolean boundHere(Port port) {
    return hostId.equals(port.bindingHostId())
        && isBound(port)
        && KuryrTags.DEVICE_OWNER.equals(port.deviceOwner())
        && Boolean.TRUE.equals(port.adminStateUp());
  }

  private static boolean isBound(Port port) {
    String vifType = port.bindingVifType();
    return vifType != null && !vifType.equals("unbound") && !vifType.equals("binding_failed");
  }

  // ML2 refuses a new MAC on a bound port (Docker dictates one with --mac-address), so the port is
  // unbound first; the bind that follows sets the MAC and binds it again.
  private Port unbind(Port port) {
    return NeutronFailures.call(
        "unbind port " + port.id() + " to change its MAC",
        () -> neutron.ports().update(port.id(), PortRequest.builder().bindingHostId("").build()));
  }

  private static boolean sameAddresses(Port port, List<FixedIp> fixedIps) {
    return port.fixedIps().size() == fixedIps.size()
        && fixedIps.stream()
            .allMatch(
                want ->
                    port.fixedIps().stream()
                        .anyMatch(
                            have ->
                                have.subnetId().equals(want.subnetId())
                                    && Cidr.parseAddress(have.ipAddress())
                                        .equals(Cidr.parseAddress(want.ipAddress()))));
  }

  @Override
  public void detach(EndpointState state) {
    try {
      binder.unplug(state.bound());
    } catch (BindingException e) {
      throw hostFailure("unplug port " + state.port().id(), e);
    }
    LOG.fine(() -> "unplugged port " + state.port().id());
  }

  @Override
  public EndpointState recover(
      String dockerNetworkId, String endpointId, Port port, NetworkView view) {
    BoundPort bound = PortAttachment.boundPort(port, view, endpointId);
    var plugged =
        new PluggedInterface(
            binder.hostDeviceName(port.id()),
            binder.containerDeviceName(port.id()),
            port.macAddress());
    return new EndpointState(dockerNetworkId, endpointId, port, bound, plugged);
  }

  // The binders already say what failed on which port ("failed to unplug port P: ..."): saying it
  // twice only made Docker's error message longer.
  static InternalException hostFailure(String action, BindingException e) {
    String said = "failed to " + action;
    String message = e.getMessage();
    return new InternalException(message.startsWith(said) ? message : said + ": " + message, e);
  }
}
