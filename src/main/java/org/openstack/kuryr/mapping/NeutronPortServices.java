package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import org.openstack.kuryr.mapping.ServiceOptions.EndpointOptions;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * Security groups and floating IPs of container ports. A port's groups are the first of: those its
 * endpoint names ({@code --driver-opt neutron.securitygroups}), those its network names ({@code -o
 * neutron.securitygroups}), the configured defaults; with none of them Neutron's default group
 * stays. A user's own port ({@code --ip} of an existing port) keeps its groups.
 *
 * <p>Thread-safe.
 */
final class NeutronPortServices implements PortServices {
  private final SecurityGroupDirectory groups;
  private final EndpointFloatingIps floatingIps;

  NeutronPortServices(SecurityGroupDirectory groups, EndpointFloatingIps floatingIps) {
    this.groups = groups;
    this.floatingIps = floatingIps;
  }

  @Override
  public void addToBinding(
      PortRequest.Builder binding, Port port, NetworkView view, EndpointSpec spec) {
    if (PortOwnership.of(port) == PortOwnership.USER) {
      return;
    }
    List<String> chosen = securityGroups(port, view, ServiceOptions.ofEndpoint(spec.options()));
    if (!chosen.isEmpty()) {
      binding.securityGroups(chosen);
    }
  }

  private List<String> securityGroups(Port port, NetworkView view, EndpointOptions options) {
    if (!options.securityGroups().isEmpty()) {
      return groups.resolve(
          options.securityGroups(),
          Optional.ofNullable(port.projectId()),
          "--driver-opt " + ServiceOptions.SECURITY_GROUPS);
    }
    List<String> ofNetwork =
        ServiceTags.networkGroups(view.network().tags(), view.dockerNetworkId());
    if (!ofNetwork.isEmpty()) {
      return ofNetwork;
    }
    // Neutron refuses groups on a port without port security; only an explicit choice says so.
    if (Boolean.FALSE.equals(port.portSecurityEnabled()) || port.projectId() == null) {
      return List.of();
    }
    return groups.defaults(port.projectId());
  }

  @Override
  public void attached(EndpointState endpoint, EndpointSpec spec) {
    ServiceOptions.ofEndpoint(spec.options())
        .floatingIp()
        .ifPresent(wish -> floatingIps.associate(endpoint, wish));
  }

  @Override
  public void detaching(EndpointState endpoint) {
    floatingIps.release(endpoint);
  }
}
