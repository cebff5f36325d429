package org.openstack.kuryr.mapping;

import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;

/**
 * The three mapping services wired together over one Neutron client and one host binder; they share
 * what they learn of networks, pools and addresses. Neutron's services (security groups, floating
 * IPs, port forwardings) are wired into the network and endpoint services.
 *
 * @param networks Docker networks
 * @param endpoints container endpoints
 * @param ipam addresses
 */
public record MappingServices(
    NetworkService networks, EndpointService endpoints, IpamService ipam) {

  /** Wires the services, with Neutron's services at their defaults. */
  public static MappingServices create(
      NeutronClient neutron, PortBinder binder, MappingSettings settings) {
    return create(neutron, binder, settings, ServiceSettings.defaults());
  }

  /** Wires the services. */
  public static MappingServices create(
      NeutronClient neutron,
      PortBinder binder,
      MappingSettings settings,
      ServiceSettings services) {
    var directory = new NetworkDirectory(neutron);
    var reservations = new PoolReservations();
    var addresses = new AddressBook();
    var pending = new PendingNetworks(neutron, settings.enableDhcp());
    var releases = new SubnetReleases(neutron, settings.subnetPoolNamePrefix());
    var groups = new SecurityGroupDirectory(neutron, services.defaultSecurityGroups());
    var routers = new GatewayRouters(neutron);
    var external = new ExternalNetwork(neutron, services.externalNetwork());
    var portServices =
        new NeutronPortServices(groups, new EndpointFloatingIps(neutron, routers, external));
    var networks =
        new NeutronNetworks(neutron, settings, directory, reservations, pending, releases);
    return new MappingServices(
        new ServiceNetworks(networks, neutron, directory, groups, routers),
        new NeutronEndpoints(
            neutron,
            directory,
            addresses,
            attachment(neutron, binder, settings, portServices),
            connectivity(neutron, settings, services, routers, external),
            portServices,
            new HostScope(settings.hostId())),
        new NeutronIpam(neutron, settings, reservations, addresses, pending, releases));
  }

  private static PortAttachment attachment(
      NeutronClient neutron, PortBinder binder, MappingSettings settings, PortServices services) {
    var readiness =
        new PortReadiness(neutron, binder, settings.portReadyTimeout(), settings.portReadyFatal());
    return new HostAttachment(neutron, binder, settings.hostId(), readiness, services);
  }

  private static ExternalConnectivityService connectivity(
      NeutronClient neutron,
      MappingSettings settings,
      ServiceSettings services,
      GatewayRouters routers,
      ExternalNetwork external) {
    if (!services.externalConnectivity()) {
      return new UnsupportedConnectivity();
    }
    return new NeutronExternalConnectivity(
        neutron,
        new ExposedPortsGroups(neutron),
        new PublishedPorts(neutron, routers, external, settings.hostId()));
  }

  /**
   * Wires the services for a daemon that runs in a VM: containers get onto Neutron through the VM's
   * port, and a Docker network without {@code neutron.net.*} options is the VM port's network.
   * Subports (VLAN mode) get Neutron's services like bare metal ports; macvlan containers, whose
   * traffic passes the VM port's security groups, refuse them.
   *
   * @param binder the nested binder matching {@code mode}
   * @param vmPort the port of the VM the daemon runs in
   */
  public static MappingServices createNested(
      NeutronClient neutron,
      PortBinder binder,
      MappingSettings settings,
      ServiceSettings services,
      NestedMode mode,
      Port vmPort) {
    var directory = new NetworkDirectory(neutron);
    var reservations = new PoolReservations();
    var addresses = new AddressBook();
    var pending = new PendingNetworks(neutron, settings.enableDhcp());
    var releases = new SubnetReleases(neutron, settings.subnetPoolNamePrefix());
    var groups = new SecurityGroupDirectory(neutron, services.defaultSecurityGroups());
    var routers = new GatewayRouters(neutron);
    var networks =
        new VmNetworkByDefault(
            new NeutronNetworks(neutron, settings, directory, reservations, pending, releases),
            vmPort.networkId());
    IpamService ipam =
        new NeutronIpam(neutron, settings, reservations, addresses, pending, releases);
    PortServices portServices;
    PortAttachment attachment;
    ExternalConnectivityService connectivity;
    if (mode == NestedMode.VLAN) {
      var external = new ExternalNetwork(neutron, services.externalNetwork());
      portServices =
          new NeutronPortServices(groups, new EndpointFloatingIps(neutron, routers, external));
      var trunk = new VmTrunk(neutron, vmPort.id());
      var readiness =
          new PortReadiness(
              neutron, binder, settings.portReadyTimeout(), settings.portReadyFatal());
      var subports = new TrunkSubportAttachment(neutron, binder, trunk, readiness, portServices);
      attachment = subports;
      ipam = new SubportReleasingIpam(ipam, neutron, trunk, subports);
      connectivity = connectivity(neutron, settings, services, routers, external);
    } else {
      portServices = new AddressPairPortServices();
      attachment = new AddressPairAttachment(neutron, binder, vmPort, portServices);
      connectivity =
          new UnsupportedConnectivity(
              "exposed and published ports are not supported in nested macvlan mode: the"
                  + " container's traffic passes the VM port's security groups");
    }
    return new MappingServices(
        new ServiceNetworks(networks, neutron, directory, groups, routers),
        new NeutronEndpoints(
            neutron,
            directory,
            addresses,
            attachment,
            connectivity,
            portServices,
            new HostScope(settings.hostId())),
        ipam);
  }
}
