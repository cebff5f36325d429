package org.openstack.kuryr.mapping;

import java.util.List;
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

  // One update binds the port and names its device: ML2 needs binding:host_id and device_owner
  // together (DVR), and OVN only publishes DNS records of ports that have a device. The port's
  // security groups go into the same update.
  private Port bind(Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    var request =
        PortRequest.builder()
            .deviceId(spec.endpointId())
            .deviceOwner(KuryrTags.DEVICE_OWNER)
            .bindingHostId(hostId)
            .adminStateUp(true);
    if (PortOwnership.of(port) != PortOwnership.USER) {
      request.name(KuryrTags.portName(spec.endpointId()));
    }
    if (!sameAddresses(port, fixedIps)) {
      request.fixedIps(fixedIps);
    }
    spec.macAddress()
        .filter(mac -> !mac.equalsIgnoreCase(port.macAddress()))
        .ifPresent(request::macAddress);
    services.addToBinding(request, port, view, spec);
    return NeutronFailures.call(
        "bind port " + port.id() + " to host " + hostId,
        () -> neutron.ports().update(port.id(), request.build()));
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

  static InternalException hostFailure(String action, BindingException e) {
    return new InternalException("failed to " + action + ": " + e.getMessage(), e);
  }
}
