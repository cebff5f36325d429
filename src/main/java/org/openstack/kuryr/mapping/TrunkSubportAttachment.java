package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * Nested VLAN mode: the daemon runs in a VM whose port is the parent of a trunk; each container's
 * port becomes a subport of that trunk on a VLAN ID of its own, and its device is a VLAN device on
 * the VM's interface. The port is never bound to a host: the trunk binds subports with their
 * parent, and Neutron reports a subport {@code ACTIVE} once its flows are in, which is what is
 * waited for.
 *
 * <p>Neutron imposes the order of the steps. A port with a device ID cannot be added to a trunk
 * (PortInUse), so the endpoint's ID is set as device ID only afterwards (it finds the endpoint
 * again after a restart). A port cannot be deleted while it is a subport (PortInUseAsSubPort), so
 * DeleteEndpoint takes it off the trunk before Docker's ReleaseAddress deletes it.
 *
 * <p>Thread-safe; calls for one endpoint are serialized by the caller.
 */
final class TrunkSubportAttachment implements PortAttachment {
  private static final Logger LOG = Logger.getLogger(TrunkSubportAttachment.class.getName());

  private static final int UNPLUG_MTU = 1500;

  private final NeutronClient neutron;
  private final PortBinder binder;
  private final VmTrunk trunk;
  private final PortReadiness readiness;
  private final PortServices services;

  TrunkSubportAttachment(
      NeutronClient neutron,
      PortBinder binder,
      VmTrunk trunk,
      PortReadiness readiness,
      PortServices services) {
    this.neutron = neutron;
    this.binder = binder;
    this.trunk = trunk;
    this.readiness = readiness;
    this.services = services;
  }

  @Override
  public EndpointState attach(
      Port reserved, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    Port port = prepare(reserved, fixedIps, view, spec);
    try (var rollback = new Rollback("attach port " + port.id() + " as subport")) {
      try {
        int vlanId = trunk.ensureSubport(port.id());
        rollback.push("subport " + port.id(), () -> trunk.removeSubport(port.id()));
        Port claimed = claim(port, spec);
        BoundPort bound =
            PortAttachment.boundPort(claimed, view, spec.endpointId()).withSegmentationId(vlanId);
        PluggedInterface plugged = binder.plug(bound);
        rollback.push("plug " + port.id(), () -> binder.unplug(bound));
        readiness.await(bound);
        rollback.commit();
        return new EndpointState(
            spec.dockerNetworkId(), spec.endpointId(), claimed, bound, plugged);
      } catch (BindingException e) {
        throw rollback.fail(HostAttachment.hostFailure("plug port " + port.id(), e));
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  // Once the port is a subport its binding is the trunk's, and ML2 refuses a MAC change on a bound
  // port: the MAC Docker gave the container is set before, with the port's security groups.
  private Port prepare(Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    var request = PortRequest.builder();
    if (PortOwnership.of(port) != PortOwnership.USER
        && !KuryrTags.portName(spec.endpointId()).equals(port.name())) {
      request.name(KuryrTags.portName(spec.endpointId()));
    }
    if (!PortAttachment.hasAddresses(port, fixedIps)) {
      request.fixedIps(fixedIps);
    }
    spec.macAddress()
        .filter(given -> !given.equalsIgnoreCase(port.macAddress()))
        .ifPresent(request::macAddress);
    services.addToBinding(request, port, view, spec);
    PortRequest changes = request.build();
    if (changes.attributes().isEmpty()) {
      return port;
    }
    return NeutronFailures.call(
        "prepare port " + port.id() + " for the VM's trunk",
        () -> neutron.ports().update(port.id(), changes));
  }

  private Port claim(Port port, EndpointSpec spec) {
    var request = PortRequest.builder().deviceId(spec.endpointId()).build();
    return NeutronFailures.call(
        "set the device of subport " + port.id(), () -> neutron.ports().update(port.id(), request));
  }

  @Override
  public void detach(EndpointState state) {
    try {
      binder.unplug(state.bound());
    } catch (BindingException e) {
      throw HostAttachment.hostFailure("unplug port " + state.port().id(), e);
    }
    trunk.removeSubport(state.port().id());
    LOG.fine(() -> "unplugged subport " + state.port().id());
  }

  /**
   * Undoes what an attach that never finished left behind: the port's device in the VM and its
   * place on the trunk. Docker gives such an endpoint's address back without a DeleteEndpoint (the
   * daemon stopped during CreateEndpoint, say), and Neutron deletes no port that is a subport.
   */
  void detachAbandoned(Port port) {
    String endpointId = port.deviceId().isBlank() ? port.id() : port.deviceId();
    // Only the port ID matters for unplugging: it names the device.
    var bound =
        new BoundPort(
            port.id(),
            port.networkId(),
            endpointId,
            port.macAddress(),
            UNPLUG_MTU,
            "unbound",
            Map.of(),
            null);
    try {
      binder.unplug(bound);
    } catch (BindingException e) {
      throw HostAttachment.hostFailure("unplug port " + port.id(), e);
    }
    trunk.removeSubport(port.id());
  }

  @Override
  public EndpointState recover(
      String dockerNetworkId, String endpointId, Port port, NetworkView view) {
    BoundPort bound = PortAttachment.boundPort(port, view, endpointId);
    BoundPort withVlan =
        trunk.segmentationIdOf(port.id()).map(bound::withSegmentationId).orElse(bound);
    var plugged =
        new PluggedInterface(
            binder.hostDeviceName(port.id()),
            binder.containerDeviceName(port.id()),
            port.macAddress());
    return new EndpointState(dockerNetworkId, endpointId, port, withVlan, plugged);
  }
}
