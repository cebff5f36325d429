package org.openstack.kuryr.neutron.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.PortForwardingRequest;
import org.openstack.kuryr.neutron.Ports;
import org.openstack.kuryr.neutron.RequestCounters;
import org.openstack.kuryr.neutron.RequestEvent;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Resources;
import org.openstack.kuryr.neutron.Routers;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRule;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.Tags;
import org.openstack.kuryr.neutron.Trunks;
import org.openstack.kuryr.neutron.UpdatableResources;

/**
 * An in-memory Neutron behind the {@link NeutronClient} interface, behaving like Neutron (ML2/OVN)
 * where Kuryr's mapping layer depends on it: networks, subnets (a CIDR, or carved from a subnet
 * pool), subnet pools, ports with fixed IPs and binding, trunks and their subports, tags and tag
 * filters, revisions ({@code If-Match} updates), and Neutron's refusals (addresses already
 * allocated, resources still in use, unknown attributes and filters). Only networks, subnets,
 * subnet pools, ports, trunks and tags exist; the other kinds throw {@link
 * UnsupportedOperationException}.
 *
 * <p>It counts requests as the HTTP client would send them (a create with tags is two), logs them
 * in order ({@code "POST subnets"}, {@code "PUT ports/tags"}), fails chosen ones on demand, and
 * shows its whole state for before-and-after comparisons.
 *
 * <p>Thread-safe: each request runs alone, like one Neutron API call in one DB transaction.
 */
public final class FakeNeutron implements NeutronClient {
  private final Object lock = new Object();
  private final FakeState state = new FakeState();
  private final Allocations allocations = new Allocations(state);
  private final FakeResources<Network, NetworkRequest> networks =
      new FakeResources<>(this, new NetworkTable(state));
  private final FakeResources<Subnet, SubnetRequest> subnets =
      new FakeResources<>(this, new SubnetTable(state, allocations));
  private final FakeResources<SubnetPool, SubnetPoolRequest> subnetPools =
      new FakeResources<>(this, new PoolTable(state));
  private final FakePorts ports = new FakePorts(this, new PortTable(state, allocations));
  private final FakeTrunks trunks = new FakeTrunks(this, new TrunkTable(state));
  private final FakeTags tags = new FakeTags(this, state);
  private final RequestCounters counters = new RequestCounters();
  private final List<Request> requestLog = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final List<Hook> hooks = new ArrayList<>();
  // Set while an action runs before a request: the action's own requests run no actions.
  private final ThreadLocal<Boolean> inAction = ThreadLocal.withInitial(() -> false);
  private volatile Capabilities capabilities =
      new Capabilities(
          Set.of(
              Capabilities.TAGS,
              Capabilities.SUBNET_ALLOCATION,
              Capabilities.BINDING,
              Capabilities.NET_MTU,
              Capabilities.PORT_SECURITY,
              Capabilities.TRUNK,
              Capabilities.TRUNK_DETAILS,
              Capabilities.REVISION_IF_MATCH,
              Capabilities.DNS_INTEGRATION));
  private final AtomicInteger capabilityReads = new AtomicInteger();
  private volatile Duration latency = Duration.ZERO;

  /**
   * A failure to inject.
   *
   * @param method the HTTP method to fail
   * @param resource the resource as logged, e.g. {@code subnets} or {@code ports/tags}
   * @param remaining how many more matching requests pass before the one that fails
   * @param httpStatus the status to fail with; 0 for no answer at all
   * @param neutronType Neutron's error type, or {@code null}
   */
  private record Fault(
      String method, String resource, int remaining, int httpStatus, String neutronType) {
    boolean matches(String requestMethod, String requestResource) {
      return method.equals(requestMethod) && resource.equals(requestResource);
    }
  }

  /** Something to do before the next {@code remaining} requests with this method and resource. */
  private record Hook(String method, String resource, int[] remaining, Runnable action) {
    boolean take(String requestMethod, String requestResource) {
      if (remaining[0] == 0 || !method.equals(requestMethod) || !resource.equals(requestResource)) {
        return false;
      }
      remaining[0]--;
      return true;
    }
  }

  // ---------------------------------------------------------------- test controls

  /**
   * Fails the {@code nth} request (counting from 1, from now on) with this method and resource, as
   * Neutron would answer it: 400 gives {@code BadRequest}, 404 {@code NotFound}, 409 {@code
   * Conflict}, 5xx and 0 {@code Unavailable}. The failed request changes nothing.
   *
   * @param resource as in {@link #requests()}, e.g. {@code subnets} or {@code networks/tags}
   */
  public void failOn(String method, String resource, int nth, int httpStatus, String neutronType) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth counts from 1");
    }
    synchronized (lock) {
      faults.add(new Fault(method, resource, nth - 1, httpStatus, neutronType));
    }
  }

  /**
   * Runs {@code action} before each of the next {@code times} requests with this method and
   * resource, in the requesting thread and outside the fake's lock, as another writer (or a pause)
   * coming first. The action may use this fake; its own requests run no actions. When the action
   * throws, the request is not made and the caller gets the exception, as for an answer lost after
   * another writer's change.
   *
   * @param resource as in {@link #requests()}, e.g. {@code ports} or {@code trunks/add_subports}
   */
  public void beforeRequest(String method, String resource, int times, Runnable action) {
    locked(() -> hooks.add(new Hook(method, resource, new int[] {times}, action)));
  }

  /**
   * A request as logged.
   *
   * @param name {@code "<method> <resource>"}, e.g. {@code "POST ports"}
   * @param thread the thread that made it: a caller's, or one of the daemon's background work
   */
  public record Request(String name, Thread thread) {}

  /** Every request, in order, as {@code "<method> <resource>"}, e.g. {@code "POST ports"}. */
  public List<String> requests() {
    synchronized (lock) {
      return requestLog.stream().map(Request::name).toList();
    }
  }

  /** Forgets the requests logged so far, so that a test sees those of the step it checks. */
  public void clearRequests() {
    locked(requestLog::clear);
  }

  /** Every request, in order, with the thread that made it. */
  public List<Request> requestLog() {
    synchronized (lock) {
      return List.copyOf(requestLog);
    }
  }

  /**
   * The requests one thread made, in order: those a caller waited for, apart from those the
   * daemon's background work made meanwhile.
   */
  public List<String> requestsBy(Thread thread) {
    synchronized (lock) {
      return requestLog.stream().filter(r -> r.thread() == thread).map(Request::name).toList();
    }
  }

  /** Everything the fake holds, for comparing before and after; reading it is no request. */
  public FakeNeutronState state() {
    return read(
        () ->
            new FakeNeutronState(
                networks.table.list(),
                subnets.table.list(),
                subnetPools.table.list(),
                ports.table.list(),
                trunks.table.list()));
  }

  /** Makes every request take this long, outside the lock, so concurrent calls interleave. */
  public void slowDown(Duration perRequest) {
    this.latency = perRequest;
  }

  /** Bound ports stay {@code DOWN}, as when the host's agent never sees them plugged. */
  public void keepPortsDown() {
    locked(() -> state.boundPortsUp = false);
  }

  /** Accept tags in a port create request ({@code tag-ports-during-bulk-creation}). */
  public void tagPortsOnCreate() {
    var aliases = new HashSet<>(capabilities.aliases());
    aliases.add(Capabilities.TAG_PORTS_ON_CREATE);
    capabilities = new Capabilities(aliases);
  }

  /** Announces no longer this extension, as an older or differently configured Neutron. */
  public void withoutExtension(String alias) {
    var aliases = new HashSet<>(capabilities.aliases());
    aliases.remove(alias);
    capabilities = new Capabilities(aliases);
  }

  /** How often the code under test asked for {@link #capabilities()}. */
  public int capabilityReads() {
    return capabilityReads.get();
  }

  /**
   * A network with these tags and one subnet of this CIDR, IPv6 when it holds a colon, made through
   * this client as a user would make them: the requests are logged and counted.
   *
   * @return the subnet, whose {@link Subnet#networkId()} names the network
   */
  public Subnet createNetworkWithSubnet(String cidr, List<String> networkTags) {
    Network network =
        networks().create(NetworkRequest.builder().name("net").tags(networkTags).build());
    return createSubnet(network.id(), cidr);
  }

  /** A subnet of this CIDR on the network, IPv6 when it holds a colon, made through this client. */
  public Subnet createSubnet(String networkId, String cidr) {
    return subnets()
        .create(
            SubnetRequest.builder()
                .networkId(networkId)
                .ipVersion(cidr.contains(":") ? 6 : 4)
                .cidr(cidr)
                .name("subnet-" + cidr)
                .build());
  }

  // ---------------------------------------------------------------- NeutronClient

  @Override
  public UpdatableResources<Network, NetworkRequest> networks() {
    return networks;
  }

  @Override
  public UpdatableResources<Subnet, SubnetRequest> subnets() {
    return subnets;
  }

  @Override
  public UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools() {
    return subnetPools;
  }

  @Override
  public Ports ports() {
    return ports;
  }

  @Override
  public Tags tags() {
    return tags;
  }

  @Override
  public Capabilities capabilities() {
    capabilityReads.incrementAndGet();
    return capabilities;
  }

  @Override
  public RequestCounters requestCounters() {
    return counters;
  }

  @Override
  public void close() {}

  @Override
  public Trunks trunks() {
    return trunks;
  }

  @Override
  public UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups() {
    throw notModelled("security groups");
  }

  @Override
  public Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules() {
    throw notModelled("security group rules");
  }

  @Override
  public Routers routers() {
    throw notModelled("routers");
  }

  @Override
  public UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps() {
    throw notModelled("floating IPs");
  }

  @Override
  public UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(
      String floatingIpId) {
    throw notModelled("port forwardings");
  }

  private static UnsupportedOperationException notModelled(String what) {
    return new UnsupportedOperationException("the fake Neutron has no " + what);
  }

  // ---------------------------------------------------------------- requests

  /**
   * Runs one request: logged, counted, failed when a fault says so, and otherwise carried out
   * alone, with a refusal turned into the exception the HTTP client would throw.
   */
  <T> T call(
      String method, String resource, String verb, String noun, String id, Supplier<T> work) {
    runHooks(method, resource);
    pause();
    synchronized (lock) {
      requestLog.add(new Request(method + " " + resource, Thread.currentThread()));
      Fault fault = takeFault(method, resource);
      if (fault != null) {
        throw failure(
            method,
            resource,
            fault.httpStatus(),
            fault.neutronType(),
            verb,
            noun,
            id,
            "injected failure");
      }
      try {
        T result = work.get();
        counters.requestFinished(event(method, resource, 200));
        return result;
      } catch (Refusal refusal) {
        throw failure(
            method,
            resource,
            refusal.httpStatus(),
            refusal.neutronType(),
            verb,
            noun,
            id,
            refusal.getMessage());
      }
    }
  }

  private NeutronException failure(
      String method,
      String resource,
      int status,
      String type,
      String verb,
      String noun,
      String id,
      String reason) {
    counters.requestFinished(event(method, resource, status));
    return NeutronException.fromResponse(
        new NeutronException.Failure(verb, noun, id, status, type, reason));
  }

  private static RequestEvent event(String method, String resource, int status) {
    return new RequestEvent("network", method, resource, status, Duration.ZERO, 1, null);
  }

  private Fault takeFault(String method, String resource) {
    for (var it = faults.listIterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.matches(method, resource)) {
        if (fault.remaining() == 0) {
          it.remove();
          return fault;
        }
        it.set(
            new Fault(
                fault.method(),
                fault.resource(),
                fault.remaining() - 1,
                fault.httpStatus(),
                fault.neutronType()));
      }
    }
    return null;
  }

  /** The extensions announced, read by the fake itself. */
  Capabilities announced() {
    return capabilities;
  }

  private void runHooks(String method, String resource) {
    if (inAction.get()) {
      return;
    }
    List<Runnable> due;
    synchronized (lock) {
      due = hooks.stream().filter(h -> h.take(method, resource)).map(Hook::action).toList();
    }
    inAction.set(true);
    try {
      due.forEach(Runnable::run);
    } finally {
      inAction.set(false);
    }
  }

  /** The resource's revision, to compare with an update's expected one. */
  long revisionOf(ResourceKind kind, String id) {
    return state.row(kind, id).orElseThrow().revision;
  }

  /** Counts a change of the resource. */
  void newRevision(ResourceKind kind, String id) {
    state.row(kind, id).orElseThrow().revision++;
  }

  /** Reads or changes the state under the lock, without it counting as a request. */
  <T> T read(Supplier<T> work) {
    synchronized (lock) {
      return work.get();
    }
  }

  private void locked(Runnable work) {
    synchronized (lock) {
      work.run();
    }
  }

  <T> T setTags(Table<T> table, String id, List<String> newTags) {
    var current = state.tagsOf(table.kind(), id).orElseThrow();
    current.clear();
    current.addAll(newTags);
    return table.find(id).orElseThrow();
  }

  private void pause() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
