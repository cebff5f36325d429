package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.Map;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;

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
    var common = new Common(neutron, settings, services);
    var portServices =
        new NeutronPortServices(
            common.groups(), new EndpointFloatingIps(neutron, common.routers(), common.external()));
    PortAttachment attachment = attachment(neutron, binder, settings, portServices);
    var ports = common.ports(attachment);
    return common.wire(
        ports.networks(),
        ports,
        attachment,
        connectivity(neutron, settings, services, common.routers(), common.external()),
        portServices,
        ports.ipam());
  }

  /**
   * Wires the services for a daemon that runs in a VM: containers get onto Neutron through the VM's
   * port, and a Docker network without {@code neutron.net.*} options is the VM port's network.
   * Subports (VLAN mode) get Neutron's services like bare metal ports; macvlan containers, whose
   * traffic passes the VM port's security groups, refuse them. Ports cannot be bound before their
   * container exists, so there is no port pool.
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
    var common = new Common(neutron, settings, services);
    if (mode == NestedMode.VLAN) {
      var portServices =
          new NeutronPortServices(
              common.groups(),
              new EndpointFloatingIps(neutron, common.routers(), common.external()));
      var trunk = new VmTrunk(neutron, vmPort.id());
      var readiness =
          new PortReadiness(
              neutron, binder, settings.portReadyTimeout(), settings.portReadyFatal());
      var subports = new TrunkSubportAttachment(neutron, binder, trunk, readiness, portServices);
      var ports = common.ports(subports);
      return common.wire(
          new VmNetworkByDefault(ports.networks(), vmPort.networkId()),
          ports,
          subports,
          connectivity(neutron, settings, services, common.routers(), common.external()),
          portServices,
          new SubportReleasingIpam(ports.ipam(), neutron, trunk, subports));
    }
    var portServices = new AddressPairPortServices();
    var pairs = new AddressPairAttachment(neutron, binder, vmPort, portServices);
    var ports = common.ports(pairs);
    return common.wire(
        new VmNetworkByDefault(ports.networks(), vmPort.networkId()),
        ports,
        pairs,
        new UnsupportedConnectivity(
            "exposed and published ports are not supported in nested macvlan mode: the"
                + " container's traffic passes the VM port's security groups"),
        portServices,
        ports.ipam());
  }

  /** What every port driver's services share. */
  private record Common(
      NeutronClient neutron,
      MappingSettings settings,
      NetworkDirectory directory,
      PoolReservations reservations,
      AddressBook addresses,
      PendingNetworks pending,
      SubnetReleases releases,
      SecurityGroupDirectory groups,
      GatewayRouters routers,
      ExternalNetwork external) {
    Common(NeutronClient neutron, MappingSettings settings, ServiceSettings services) {
      this(
          neutron,
          settings,
          new NetworkDirectory(neutron),
          new PoolReservations(),
          new AddressBook(),
          new PendingNetworks(neutron, settings.enableDhcp()),
          new SubnetReleases(neutron, settings.subnetPoolNamePrefix()),
          new SecurityGroupDirectory(neutron, services.defaultSecurityGroups()),
          new GatewayRouters(neutron),
          new ExternalNetwork(neutron, services.externalNetwork()));
    }

    // The pool fills only where the attachment can bind ports before their containers exist.
    Ports ports(PortAttachment attachment) {
      var deletions = new PortDeletions(neutron);
      var pool = new PortPool(neutron, settings.portPool(), attachment.prebindHost(), deletions);
      return new Ports(
          this,
          pool,
          deletions,
          new EndpointPorts(neutron, attachment.prebindHost(), pool, deletions));
    }

    MappingServices wire(
        NetworkService networks,
        Ports ports,
        PortAttachment attachment,
        ExternalConnectivityService connectivity,
        PortServices portServices,
        IpamService ipam) {
      return new MappingServices(
          new ServiceNetworks(networks, neutron, directory, groups, routers),
          new NeutronEndpoints(
              neutron,
              directory,
              addresses,
              ports.endpointPorts(),
              attachment,
              connectivity,
              portServices,
              new HostScope(settings.hostId())),
          ipam,
          new Housekeeping(ports.pool(), ports.deletions()));
    }
  }

  /** The ports of containers: the pool, background deletions, and the reservations over them. */
  private record Ports(
      Common common, PortPool pool, PortDeletions deletions, EndpointPorts endpointPorts) {
    NeutronNetworks networks() {
      return new NeutronNetworks(
          common.neutron(),
          common.settings(),
          common.directory(),
          common.reservations(),
          common.pending(),
          common.releases(),
          pool);
    }

    NeutronIpam ipam() {
      return new NeutronIpam(
          common.neutron(),
          common.settings(),
          common.reservations(),
          common.addresses(),
          common.pending(),
          common.releases(),
          endpointPorts);
    }
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

    // Returns first: a released pool port that cannot be reused is deleted.
    @Override
    public boolean awaitReleases(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      return pool.awaitReturns(timeout)
          && deletions.awaitIdle(Duration.ofNanos(deadline - System.nanoTime()));
    }

    @Override
    public void close(Duration grace) {
      deletions.close(grace);
    }
  }
}
