package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.mapping.ServiceOptions.NetworkOptions;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Router;
import org.openstack.kuryr.neutron.RouterInterface;
import org.openstack.kuryr.neutron.RouterInterfaceRequest;
import org.openstack.kuryr.neutron.Subnet;

/**
 * Docker networks with Neutron's services: the security groups of the network's containers ({@code
 * -o neutron.securitygroups}) and a router for its subnets ({@code -o neutron.router.uuid|name}).
 * Wraps the plain {@link NetworkService}; networks that ask for neither cost no extra request.
 *
 * <p>What a network asked for is kept as tags on its Neutron network, so that it survives a
 * restart: the groups as {@code kuryr.sg.<docker id>:<group>}, the router as {@code
 * kuryr.rt.<docker id>:<router>}; the router interfaces Kuryr added carry {@code kuryr.rtif:<docker
 * id>} and are the only ones removed again.
 *
 * <p>Thread-safe.
 */
final class ServiceNetworks implements NetworkService {
  private static final Logger LOG = Logger.getLogger(ServiceNetworks.class.getName());

  private final NetworkService networks;
  private final NeutronClient neutron;
  private final NetworkDirectory directory;
  private final SecurityGroupDirectory groups;
  private final GatewayRouters routers;

  ServiceNetworks(
      NetworkService networks,
      NeutronClient neutron,
      NetworkDirectory directory,
      SecurityGroupDirectory groups,
      GatewayRouters routers) {
    this.networks = networks;
    this.neutron = neutron;
    this.directory = directory;
    this.groups = groups;
    this.routers = routers;
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    NetworkOptions options = ServiceOptions.ofNetwork(spec.options());
    if (options.isEmpty()) {
      networks.createNetwork(spec);
      return;
    }
    // Unknown names fail before anything is created.
    groups.requireKnown(options.securityGroups(), "-o " + ServiceOptions.SECURITY_GROUPS);
    Optional<Router> router =
        options.router().map(r -> Lookups.require(neutron.routers(), r, "router"));
    networks.createNetwork(spec);
    try {
      addServices(spec.dockerNetworkId(), options, router);
    } catch (RuntimeException e) {
      undoCreate(spec.dockerNetworkId(), e);
      throw e;
    }
  }

  private void undoCreate(String dockerNetworkId, RuntimeException failure) {
    try {
      networks.deleteNetwork(dockerNetworkId);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private void addServices(String dockerId, NetworkOptions options, Optional<Router> router) {
    NetworkView view = directory.require(dockerId);
    try (var rollback = new Rollback("add services to network " + shortId(dockerId))) {
      try {
        List<String> groupIds =
            groups.resolve(
                options.securityGroups(),
                Optional.ofNullable(view.network().projectId()),
                "-o " + ServiceOptions.SECURITY_GROUPS);
        for (String groupId : groupIds) {
          tagNetwork(view, ServiceTags.networkGroup(dockerId, groupId), rollback);
        }
        if (router.isPresent()) {
          attach(view, router.get(), rollback);
        }
        directory.remember(reread(view));
        rollback.commit();
        LOG.info(
            () ->
                "network "
                    + shortId(dockerId)
                    + " has security groups "
                    + groupIds
                    + router.map(r -> " and router " + r.id()).orElse(""));
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  private void attach(NetworkView view, Router router, Rollback rollback) {
    for (Subnet subnet : view.subnets()) {
      if (!routers.routersOn(view.networkId(), subnet.id()).isEmpty()) {
        LOG.info(() -> "subnet " + subnet.cidr() + " has a router already; not attaching");
        continue;
      }
      var target = RouterInterfaceRequest.subnet(subnet.id());
      RouterInterface added =
          NeutronFailures.call(
              "attach router " + router.id() + " to subnet " + subnet.id(),
              () -> neutron.routers().addInterface(router.id(), target));
      rollback.push(
          "router interface " + added.portId(),
          () -> neutron.routers().removeInterface(router.id(), target));
      String tag = ServiceTags.routerInterface(view.dockerNetworkId());
      NeutronFailures.run(
          "tag router port " + added.portId(),
          () -> neutron.tags().add(ResourceKind.PORT, added.portId(), tag));
      LOG.info(() -> "attached router " + router.id() + " to subnet " + subnet.cidr());
    }
    tagNetwork(view, ServiceTags.networkRouter(view.dockerNetworkId(), router.id()), rollback);
  }

  private void tagNetwork(NetworkView view, String tag, Rollback rollback) {
    NeutronFailures.run(
        "tag network " + view.networkId(),
        () -> neutron.tags().add(ResourceKind.NETWORK, view.networkId(), tag));
    rollback.push(
        "tag " + tag, () -> neutron.tags().remove(ResourceKind.NETWORK, view.networkId(), tag));
  }

  private NetworkView reread(NetworkView view) {
    Network network =
        NeutronFailures.call(
            "read network " + view.networkId(), () -> neutron.networks().get(view.networkId()));
    return new NetworkView(view.dockerNetworkId(), network, view.subnets(), view.existing());
  }

  @Override
  public void deleteNetwork(String dockerNetworkId) {
    directory.find(dockerNetworkId).ifPresent(this::removeServices);
    networks.deleteNetwork(dockerNetworkId);
  }

  // Subnets cannot be deleted while a router has an interface on them.
  private void removeServices(NetworkView view) {
    String dockerId = view.dockerNetworkId();
    List<String> tags = view.network().tags();
    Optional<String> router = ServiceTags.networkRouter(tags, dockerId);
    router.ifPresent(r -> detach(view, r));
    if (!view.existing()) {
      return;
    }
    var ours = new ArrayList<String>();
    ServiceTags.networkGroups(tags, dockerId)
        .forEach(g -> ours.add(ServiceTags.networkGroup(dockerId, g)));
    router.ifPresent(r -> ours.add(ServiceTags.networkRouter(dockerId, r)));
    for (String tag : ours) {
      NeutronFailures.call(
          "untag network " + view.networkId(),
          () -> neutron.tags().remove(ResourceKind.NETWORK, view.networkId(), tag));
    }
  }

  private void detach(NetworkView view, String routerId) {
    var query =
        Query.builder()
            .where("network_id", view.networkId())
            .tags(ServiceTags.routerInterface(view.dockerNetworkId()))
            .build();
    List<Port> interfaces =
        NeutronFailures.call(
            "find router ports of network " + view.networkId(), () -> neutron.ports().list(query));
    for (Port port : interfaces) {
      NeutronFailures.call(
          "detach router " + routerId + " from network " + view.networkId(),
          () ->
              neutron.routers().removeInterface(routerId, RouterInterfaceRequest.port(port.id())));
      LOG.info(() -> "detached router " + routerId + " from port " + port.id());
    }
  }

  private static String shortId(String dockerId) {
    return NetworkDirectory.shortId(dockerId);
  }
}
