package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;

/**
 * How an endpoint's port reaches the container: bound to this host and plugged into its datapath
 * (bare metal), or carried by the port of the VM this daemon runs in (nested modes).
 *
 * <p>Implementations are thread-safe; calls for one endpoint are serialized by the caller.
 */
interface PortAttachment {
  /**
   * Attaches the port in Neutron and on the host and waits until it carries traffic. On failure
   * nothing this call changed on the host is left; Neutron changes to the port itself are undone by
   * the address release Docker sends after a failed endpoint.
   *
   * @param port the port IPAM reserved for the endpoint
   * @param fixedIps every address the endpoint must have on the port
   */
  EndpointState attach(Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec);

  /**
   * The host that ports for this attachment can be bound to when they are created, before their
   * endpoint exists; {@link #attach} then needs no Neutron update. Empty (the default) when a port
   * can only be bound once its endpoint is known.
   */
  default Optional<String> prebindHost() {
    return Optional.empty();
  }

  /**
   * Whether {@link #attach} would send Neutron nothing for this port: it is ready for the endpoint
   * as it is, and only the host is wired. Callers then record the endpoint in Neutron at the same
   * time. The default, false, is always safe.
   */
  default boolean attachesWithoutNeutron(
      Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    return false;
  }

  /** Undoes {@link #attach} on the host and in Neutron, except the port itself; idempotent. */
  void detach(EndpointState state);

  /** The endpoint of a port found in Neutron after a restart. */
  EndpointState recover(String dockerNetworkId, String endpointId, Port port, NetworkView view);

  /** Whether the port has exactly these addresses, however they are written. */
  static boolean hasAddresses(Port port, List<FixedIp> fixedIps) {
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

  /** The port as the binding layer sees it. */
  static BoundPort boundPort(Port port, NetworkView view, String endpointId) {
    return new BoundPort(
        port.id(),
        port.networkId(),
        endpointId,
        port.macAddress(),
        view.mtu(),
        port.bindingVifType() == null ? "unbound" : port.bindingVifType(),
        port.bindingVifDetails(),
        null);
  }
}
