package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.Map;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.neutron.NeutronClient;

/**
 * The mapping services wired together over one Neutron client and one host binder; they share what
 * they learn of networks, pools, addresses and ports. Neutron's services (security groups, floating
 * IPs, port forwardings) are wired into the network and endpoint services.
 *
 * @param networks Docker networks
 * @param endpoints container endpoints
 * @param ipam addresses
 * @param ports the port pool and background port work
 */
public record MappingServices(
    NetworkService networks, EndpointService endpoints, IpamService ipam, PortHousekeeping ports) {

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
    PortAttachment attachment = attachment(neutron, binder, settings, portServices);
    var deletions = new PortDeletions(neutron);
    var pool = new PortPool(neutron, settings.portPool(), attachment.prebindHost(), deletions);
    var ports = new EndpointPorts(neutron, attachment.prebindHost(), pool, deletions);
    var networks =
        new NeutronNetworks(neutron, settings, directory, reservations, pending, releases, pool);
    return new MappingServices(
        new ServiceNetworks(networks, neutron, directory, groups, routers),
        new NeutronEndpoints(
            neutron,
            directory,
            addresses,
            ports,
            attachment,
            connectivity(neutron, settings, services, routers, external),
            portServices,
            new HostScope(settings.hostId())),
        new NeutronIpam(neutron, settings, reservations, addresses, pending, releases, ports),
        new Housekeeping(pool, deletions));
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

  private record Housekeeping(PortPool pool, PortDeletions deletions) implements PortHousekeeping {
    @Override
    public void recover() {
      pool.recover();
    }

    @Override
    public Map<String, Object> figures() {
      return Map.of(
          "port_pool_enabled", pool.enabled(),
          "port_pool", pool.figures(),
          "port_pool_returns_pending", pool.returning(),
          "port_deletions_pending", deletions.backlog());
    }

    @Override
    public void close(Duration grace) {
      deletions.close(grace);
    }
  }
}
