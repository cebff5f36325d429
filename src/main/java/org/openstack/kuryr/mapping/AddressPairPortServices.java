package org.openstack.kuryr.mapping;

import java.util.List;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * Nested macvlan mode's port services: none. A container's traffic leaves through the VM's port and
 * passes that port's security groups; groups on the container's own port (never bound) would filter
 * nothing, and a floating IP has no bound port to lead to. Asking for either fails the container's
 * start instead of being silently ignored. The container's port keeps Neutron's default group,
 * which makes its address a member for remote-group rules.
 *
 * <p>Thread-safe.
 */
final class AddressPairPortServices implements PortServices {
  private static final String WHY =
      " in nested macvlan mode: the container's traffic passes the VM port's security groups;"
          + " set them on the VM's port";

  @Override
  public void addToBinding(
      PortRequest.Builder binding, Port port, NetworkView view, EndpointSpec spec) {
    var options = ServiceOptions.ofEndpoint(spec.options());
    List<String> ofNetwork =
        ServiceTags.networkGroups(view.network().tags(), view.dockerNetworkId());
    if (!options.securityGroups().isEmpty() || !ofNetwork.isEmpty()) {
      throw new InvalidRequestException(
          "containers cannot have security groups (" + ServiceOptions.SECURITY_GROUPS + ")" + WHY);
    }
    if (options.floatingIp().isPresent()) {
      throw new InvalidRequestException(
          "containers cannot have floating IPs (" + ServiceOptions.FLOATING_IP + ")" + WHY);
    }
  }

  @Override
  public void attached(EndpointState endpoint, EndpointSpec spec) {
    // nothing to set up
  }

  @Override
  public void detaching(EndpointState endpoint) {
    // nothing was set up
  }
}
