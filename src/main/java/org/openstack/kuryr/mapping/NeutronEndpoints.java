package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;

/**
 * Container endpoints as Neutron ports. The port IPAM reserved for the endpoint's address is
 * claimed with the endpoint's ID tags; a port bound to this host ahead of time is plugged
 * meanwhile, any other is attached by the {@link PortAttachment} (bound, or made a subport of the
 * VM's trunk) after the claim. The daemon then waits until the port carries traffic.
 *
 * <p>Thread-safe: calls for one endpoint are serialized. What is known of each endpoint is kept in
 * memory and found again in Neutron after a restart: by its ID tags, or by {@code device_id} for
 * ports of earlier versions.
 */
public final class NeutronEndpoints implements EndpointService {
  private static final Logger LOG = Logger.getLogger(NeutronEndpoints.class.getName());

  private final NeutronClient neutron;
  private final NetworkDirectory directory;
  private final AddressBook addresses;
  private final EndpointPorts ports;
  private final PortAttachment attachment;
  private final ExternalConnectivityService connectivity;
  private final PortServices services;
  private final HostScope host;
  private final KeyedLocks locks = new KeyedLocks();
  private final ConcurrentHashMap<String, EndpointState> endpoints = new ConcurrentHashMap<>();
  // Endpoints whose port was created here because Docker's own IPAM chose the addresses: no
  // ReleaseAddress comes for it, so DeleteEndpoint deletes it. Kept in memory only: after a
  // restart such a port is left behind, and DeleteNetwork reports it as still in use.
  private final Set<String> portsCreatedHere = ConcurrentHashMap.newKeySet();

  NeutronEndpoints(
      NeutronClient neutron,
      NetworkDirectory directory,
      AddressBook addresses,
      EndpointPorts ports,
      PortAttachment attachment,
      ExternalConnectivityService connectivity,
      PortServices services,
      HostScope host) {
    this.neutron = neutron;
    this.directory = directory;
    this.addresses = addresses;
    this.ports = ports;
    this.attachment = attachment;
    this.connectivity = connectivity;
    this.services = services;
    this.host = host;
  }

  @Override
  public EndpointCreated createEndpoint(EndpointSpec spec) {
    return locks.with(spec.endpointId(), () -> create(spec));
  }

  private EndpointCreated create(EndpointSpec spec) {
    EndpointState state = endpoints.get(spec.endpointId());
    if (state == null) {
      state = attach(spec);
      endpoints.put(spec.endpointId(), state);
    }
    String mac = state.plugged().containerMacAddress();
    return new EndpointCreated(spec.macAddress().isPresent() ? Optional.empty() : Optional.of(mac));
  }

  private EndpointState attach(EndpointSpec spec) {
    NetworkView view = directory.require(spec.dockerNetworkId());
    PortChoice choice = choosePort(view, addressesOf(spec), spec);
    releaseSurplus(choice);
    spec.macAddress()
        .filter(mac -> !mac.equalsIgnoreCase(choice.port().macAddress()))
        .ifPresent(mac -> ports.freeMacOfReleased(view.networkId(), mac));
    EndpointState state = attachOrDeleteCreated(choice, view, spec);
    addresses.update(state.port());
    LOG.info(
        () ->
            "endpoint "
                + shortId(spec.endpointId())
                + " on port "
                + state.port().id()
                + " "
                + state.port().fixedIps().stream().map(FixedIp::ipAddress).toList()
                + " plugged as "
                + state.plugged().hostDeviceName());
    return state;
  }

  private EndpointState attachOrDeleteCreated(
      PortChoice choice, NetworkView view, EndpointSpec spec) {
    if (!choice.created()) {
      return attachWithServices(choice, view, spec);
    }
    String portId = choice.port().id();
    try (var rollback = new Rollback("attach endpoint " + shortId(spec.endpointId()))) {
      rollback.push("port " + portId, () -> PortCleanup.delete(neutron, portId));
      try {
        EndpointState state = attachWithServices(choice, view, spec);
        rollback.commit();
        portsCreatedHere.add(spec.endpointId());
        return state;
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  private EndpointState attachWithServices(PortChoice choice, NetworkView view, EndpointSpec spec) {
    EndpointState state =
        attachment.attachesWithoutNeutron(choice.port(), choice.fixedIps(), view, spec)
            ? claimWhilePlugging(choice, view, spec)
            : claimThenAttach(choice, view, spec);
    addServices(state, spec);
    return state;
  }

  private void addServices(EndpointState state, EndpointSpec spec) {
    try {
      services.attached(state, spec);
    } catch (RuntimeException e) {
      try {
        attachment.detach(state);
      } catch (RuntimeException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
  }

  // Tagged first, so that the port is found again by its endpoint should the daemon stop now.
  private EndpointState claimThenAttach(PortChoice choice, NetworkView view, EndpointSpec spec) {
    Port claimed = ports.claim(choice.port(), spec.endpointId());
    return attachment.attach(claimed, choice.fixedIps(), view, spec);
  }

  // The claim (a Neutron request) and the plug (host commands) do not depend on each other: the
  // plug runs on another thread meanwhile, and the claim here, where it is counted as Docker's.
  private EndpointState claimWhilePlugging(PortChoice choice, NetworkView view, EndpointSpec spec) {
    var plugging =
        CompletableFuture.supplyAsync(
            () -> attachment.attach(choice.port(), choice.fixedIps(), view, spec),
            task -> Thread.ofVirtual().name("plug " + shortId(spec.endpointId())).start(task));
    Port claimed;
    try {
      claimed = ports.claim(choice.port(), spec.endpointId());
    } catch (RuntimeException e) {
      undoPlug(plugging, e);
      throw e;
    }
    EndpointState state = plugged(plugging);
    Port port = EndpointPorts.withTags(state.port(), claimed.tags());
    return new EndpointState(
        state.dockerNetworkId(), state.endpointId(), port, state.bound(), state.plugged());
  }

  private static EndpointState plugged(CompletableFuture<EndpointState> plugging) {
    try {
      return plugging.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new InternalException("failed to plug: " + e.getCause(), e.getCause());
    }
  }

  private void undoPlug(CompletableFuture<EndpointState> plugging, RuntimeException failure) {
    try {
      attachment.detach(plugging.join());
    } catch (CompletionException plugFailedToo) {
      failure.addSuppressed(plugFailedToo.getCause());
    } catch (RuntimeException undoFailed) {
      failure.addSuppressed(undoFailed);
    }
  }

  private static List<InetAddress> addressesOf(EndpointSpec spec) {
    var wanted = new ArrayList<InetAddress>();
    spec.ipv4Address().map(a -> Cidr.parseAddress(a.split("/")[0])).ifPresent(wanted::add);
    spec.ipv6Address().map(a -> Cidr.parseAddress(a.split("/")[0])).ifPresent(wanted::add);
    if (wanted.isEmpty()) {
      throw new InvalidRequestException(
          "endpoint " + shortId(spec.endpointId()) + " has no IPv4 or IPv6 address");
    }
    return wanted;
  }

  /**
   * The port an endpoint binds and the addresses it must carry. Normally IPAM reserved one port; on
   * a dual-stack network it reserved one per family, and the second is folded into the first.
   */
  private record PortChoice(
      Port port, List<FixedIp> fixedIps, List<Port> surplus, boolean created) {}

  private PortChoice choosePort(NetworkView view, List<InetAddress> wanted, EndpointSpec spec) {
    var fixedIps = new ArrayList<FixedIp>();
    var found = new ArrayList<Port>();
    for (InetAddress address : wanted) {
      Subnet subnet = subnetHolding(view, address);
      fixedIps.add(FixedIp.of(subnet.id(), Cidr.format(address)));
      addresses
          .find(subnet.id(), address)
          .or(() -> portWith(view, subnet, address))
          .map(p -> requireAvailable(p, address, spec))
          .filter(p -> found.stream().noneMatch(f -> f.id().equals(p.id())))
          .ifPresent(found::add);
    }
    if (found.isEmpty()) {
      // Docker's own IPAM chose the addresses: the port is created here.
      return new PortChoice(createPort(view, fixedIps, spec), fixedIps, List.of(), true);
    }
    found.sort((a, b) -> PortOwnership.of(a) == PortOwnership.USER ? -1 : 0);
    Port primary = found.getFirst();
    return new PortChoice(primary, fixedIps, found.subList(1, found.size()), false);
  }

  /**
   * The port holding an endpoint's address, unless another container uses it. Docker's own IPAM
   * (kuryr as network driver only) knows nothing of the addresses containers on other hosts hold,
   * and a daemon must never take over a port another host or endpoint is using.
   */
  private Port requireAvailable(Port port, InetAddress address, EndpointSpec spec) {
    boolean otherDevice = !port.deviceId().isEmpty() && !port.deviceId().equals(spec.endpointId());
    // A port bound ahead of time has no device: its endpoint is in its tags.
    boolean otherClaim =
        port.tags().stream().anyMatch(KuryrTags::isIdTag)
            && !port.tags().containsAll(KuryrTags.idTags(spec.endpointId()));
    if (otherDevice || otherClaim || host.boundElsewhere(port)) {
      throw new ConflictException(
          "failed to create endpoint "
              + shortId(spec.endpointId())
              + ": address "
              + Cidr.format(address)
              + " is held by port "
              + port.id()
              + (port.deviceId().isEmpty() ? claimant(port) : " of " + port.deviceId())
              + (host.boundElsewhere(port) ? " on host " + port.bindingHostId() : ""));
    }
    return port;
  }

  private static String claimant(Port port) {
    return KuryrTags.idOf(port.tags()).map(id -> " of endpoint " + id).orElse("");
  }

  private Subnet subnetHolding(NetworkView view, InetAddress address) {
    return view.subnetHolding(address)
        .or(() -> directory.refresh(view).subnetHolding(address))
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "address "
                        + Cidr.format(address)
                        + " is on no subnet of Neutron network "
                        + view.networkId()));
  }

  private Optional<Port> portWith(NetworkView view, Subnet subnet, InetAddress address) {
    var query =
        Query.builder()
            .where("network_id", view.networkId())
            .where("fixed_ips", "ip_address=" + Cidr.format(address))
            .build();
    return NeutronFailures.call(
            "find port with " + Cidr.format(address), () -> neutron.ports().list(query))
        .stream()
        .filter(p -> p.fixedIps().stream().anyMatch(ip -> subnet.id().equals(ip.subnetId())))
        .filter(p -> !ports.discardIfReleased(p))
        .findFirst();
  }

  // Created as IPAM creates its ports: bound where the attachment allows, marked Kuryr's by its
  // device owner (and by the claim's tags), so that attaching it needs no update.
  private Port createPort(NetworkView view, List<FixedIp> fixedIps, EndpointSpec spec) {
    var request =
        PortRequest.builder()
            .networkId(view.networkId())
            .name(KuryrTags.UNBOUND_PORT_NAME)
            .fixedIps(fixedIps)
            .deviceOwner(KuryrTags.DEVICE_OWNER);
    attachment.prebindHost().ifPresent(request::bindingHostId);
    spec.macAddress().ifPresent(request::macAddress);
    return NeutronFailures.call(
        "create port for endpoint " + shortId(spec.endpointId()),
        () -> neutron.ports().create(request.build()));
  }

  // IPAM reserved one port per address family; the container needs one port with both.
  private void releaseSurplus(PortChoice choice) {
    for (Port surplus : choice.surplus()) {
      if (PortOwnership.of(surplus) == PortOwnership.KURYR) {
        addresses.forget(surplus.id());
        ports.discard(surplus);
      }
    }
  }

  @Override
  public JoinInfo join(String dockerNetworkId, String endpointId, String sandboxKey) {
    EndpointState state =
        find(dockerNetworkId, endpointId)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "no endpoint "
                            + shortId(endpointId)
                            + " on network "
                            + shortId(dockerNetworkId)));
    NetworkView view = directory.require(dockerNetworkId);
    Optional<String> ipv4Gateway = Optional.empty();
    Optional<String> ipv6Gateway = Optional.empty();
    var routes = new ArrayList<JoinInfo.Route>();
    for (FixedIp ip : state.port().fixedIps()) {
      Subnet subnet = subnetOf(view, ip.subnetId());
      Optional<String> gateway = Optional.ofNullable(subnet.gatewayIp());
      if (Cidr.parse(subnet.cidr()).ipVersion() == 4) {
        ipv4Gateway = ipv4Gateway.or(() -> gateway);
      } else {
        ipv6Gateway = ipv6Gateway.or(() -> gateway);
      }
      subnet
          .hostRoutes()
          .forEach(r -> routes.add(new JoinInfo.Route(r.destination(), r.nexthop())));
    }
    return new JoinInfo(state.plugged().containerDeviceName(), ipv4Gateway, ipv6Gateway, routes);
  }

  private Subnet subnetOf(NetworkView view, String subnetId) {
    return view.subnet(subnetId)
        .or(() -> directory.refresh(view).subnet(subnetId))
        .orElseThrow(
            () -> new InternalException("subnet " + subnetId + " of a container port is gone"));
  }

  @Override
  public void leave(String dockerNetworkId, String endpointId) {
    // Docker moves the interface back out of the container itself; DeleteEndpoint unplugs it.
  }

  @Override
  public Map<String, Object> operationalInfo(String dockerNetworkId, String endpointId) {
    Optional<EndpointState> state = find(dockerNetworkId, endpointId);
    var info = new LinkedHashMap<String, Object>();
    state.ifPresent(
        s -> {
          info.put("port_id", s.port().id());
          info.put("status", s.port().status());
          info.put("host_interface", s.plugged().hostDeviceName());
        });
    return info;
  }

  @Override
  public void deleteEndpoint(String dockerNetworkId, String endpointId) {
    locks.run(endpointId, () -> delete(dockerNetworkId, endpointId));
  }

  private void delete(String dockerNetworkId, String endpointId) {
    Optional<EndpointState> state = find(dockerNetworkId, endpointId);
    endpoints.remove(endpointId);
    if (state.isEmpty()) {
      LOG.info(() -> "endpoint " + shortId(endpointId) + " already gone");
      return;
    }
    // Each step runs even when one before it failed: a leaked floating IP must not also leave the
    // container's port plugged.
    runEach(
        () -> connectivity.revoke(state.get()),
        () -> services.detaching(state.get()),
        () -> attachment.detach(state.get()));
    if (portsCreatedHere.remove(endpointId)) {
      PortCleanup.delete(neutron, state.get().port().id());
    }
    LOG.info(() -> "endpoint " + shortId(endpointId) + " unplugged");
  }

  private static void runEach(Runnable... steps) {
    RuntimeException failure = null;
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void programExternalConnectivity(ExternalConnectivity request) {
    locks.run(request.endpointId(), () -> program(request));
  }

  private void program(ExternalConnectivity request) {
    EndpointState state =
        find(request.dockerNetworkId(), request.endpointId())
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "no endpoint " + shortId(request.endpointId()) + " to open ports of"));
    connectivity.program(state, request);
  }

  @Override
  public void revokeExternalConnectivity(String dockerNetworkId, String endpointId) {
    locks.run(endpointId, () -> find(dockerNetworkId, endpointId).ifPresent(connectivity::revoke));
  }

  /** The endpoint from memory or, after a restart, from Neutron. */
  private Optional<EndpointState> find(String dockerNetworkId, String endpointId) {
    EndpointState known = endpoints.get(endpointId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<NetworkView> view = directory.find(dockerNetworkId);
    if (view.isEmpty()) {
      return Optional.empty();
    }
    Optional<Port> port =
        portTagged(view.get(), endpointId).or(() -> portOfDevice(view.get(), endpointId));
    return port.map(p -> recovered(dockerNetworkId, endpointId, p, view.get()));
  }

  private Optional<Port> portTagged(NetworkView view, String endpointId) {
    var query =
        Query.builder()
            .where("network_id", view.networkId())
            .tags(KuryrTags.idTags(endpointId).toArray(String[]::new))
            .build();
    return NeutronFailures.call(
            "find port of endpoint " + shortId(endpointId), () -> neutron.ports().list(query))
        .stream()
        .findFirst();
  }

  // Earlier versions recorded the endpoint as the port's device only. A pool port or a released
  // one may still show an endpoint it no longer serves: its tags tell.
  private Optional<Port> portOfDevice(NetworkView view, String endpointId) {
    var query =
        Query.builder()
            .where("network_id", view.networkId())
            .where("device_id", endpointId)
            .build();
    return NeutronFailures.call(
            "find port of endpoint " + shortId(endpointId), () -> neutron.ports().list(query))
        .stream()
        .filter(
            p ->
                !p.tags().contains(KuryrTags.POOL_PORT)
                    && !p.tags().contains(KuryrTags.RELEASED_PORT))
        .findFirst();
  }

  private EndpointState recovered(
      String dockerNetworkId, String endpointId, Port port, NetworkView view) {
    EndpointState state = attachment.recover(dockerNetworkId, endpointId, port, view);
    endpoints.put(endpointId, state);
    return state;
  }

  private static String shortId(String id) {
    return NetworkDirectory.shortId(id);
  }
}
