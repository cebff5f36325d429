package org.openstack.kuryr.mapping;

import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.neutron.NeutronClient;

/**
 * The three mapping services wired together over one Neutron client and one host binder; they share
 * what they learn of networks, pools and addresses.
 *
 * @param networks Docker networks
 * @param endpoints container endpoints
 * @param ipam addresses
 */
public record MappingServices(
    NetworkService networks, EndpointService endpoints, IpamService ipam) {

  /** Wires the services. */
  public static MappingServices create(
      NeutronClient neutron, PortBinder binder, MappingSettings settings) {
    var directory = new NetworkDirectory(neutron);
    var reservations = new PoolReservations();
    var addresses = new AddressBook();
    var pending = new PendingNetworks(neutron, settings.enableDhcp());
    var releases = new SubnetReleases(neutron, settings.subnetPoolNamePrefix());
    return new MappingServices(
        new NeutronNetworks(neutron, settings, directory, reservations, pending, releases),
        new NeutronEndpoints(
            neutron,
            directory,
            addresses,
            attachment(neutron, binder, settings),
            new UnsupportedConnectivity(),
            new HostScope(settings.hostId())),
        new NeutronIpam(neutron, settings, reservations, addresses, pending, releases));
  }

  private static PortAttachment attachment(
      NeutronClient neutron, PortBinder binder, MappingSettings settings) {
    var readiness =
        new PortReadiness(neutron, binder, settings.portReadyTimeout(), settings.portReadyFatal());
    return new HostAttachment(neutron, binder, settings.hostId(), readiness);
  }
}
