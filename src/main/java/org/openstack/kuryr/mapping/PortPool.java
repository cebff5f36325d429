package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;

/**
 * Ports created ahead of time, per subnet, bound to this host: a container's address then comes
 * from memory, and its port needs no creation or binding while {@code docker run} waits.
 *
 * <p>Pool ports are named {@link KuryrTags#POOL_PORT_NAME} when created and tagged {@link
 * KuryrTags#POOL_PORT} for life; the one a container uses carries the endpoint's ID tags besides.
 * Neutron is the only record: at start, {@link #recover()} finds the free ones again, and deletes
 * what a stopped daemon left half done. A refill creates a batch in one request, and only one
 * refill runs at a time on this host, so a burst of containers does not flood Neutron; ports
 * missing meanwhile are created one by one on the request path.
 *
 * <p>Thread-safe.
 */
final class PortPool {
  private static final Logger LOG = Logger.getLogger(PortPool.class.getName());
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  // A refill waits for a pause in the containers taking ports (bounded), so that its bulk request
  // does not compete with their own requests in Neutron during a burst.
  private static final Duration QUIET_BEFORE_REFILL = Duration.ofMillis(300);
  private static final Duration LONGEST_REFILL_DELAY = Duration.ofSeconds(2);

  private final NeutronClient neutron;
  private final MappingSettings.PortPool sizes;
  private final Optional<String> hostId;
  private final PortDeletions deletions;
  private final Semaphore refillTurn = new Semaphore(1);
  private final ConcurrentHashMap<String, FreePorts> bySubnet = new ConcurrentHashMap<>();
  // Every pool port this daemon has handled, so that a listing at start adds none twice.
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Object returnsLock = new Object();
  // Released ports being checked before they are free again; guarded by returnsLock.
  private int returning;

  /** The free ports of one subnet; guarded by its own monitor. */
  private static final class FreePorts {
    final String networkId;
    final String subnetId;
    final LinkedHashMap<String, Port> free = new LinkedHashMap<>();
    boolean refilling;
    int creating;
    boolean closed;
    long retryAfterNanos = System.nanoTime();
    // At most a quarter of the subnet's addresses, once its size is known: a small subnet is not
    // filled by ports no container uses.
    int cap = Integer.MAX_VALUE;
    long lastTakeNanos = System.nanoTime() - QUIET_BEFORE_REFILL.toNanos();

    FreePorts(String networkId, String subnetId) {
      this.networkId = networkId;
      this.subnetId = subnetId;
    }
  }

  /**
   * @param hostId the host pool ports are bound to; empty when ports cannot be bound ahead of time,
   *     which turns the pool off
   */
  PortPool(
      NeutronClient neutron,
      MappingSettings.PortPool sizes,
      Optional<String> hostId,
      PortDeletions deletions) {
    this.neutron = neutron;
    this.sizes = sizes;
    this.hostId = hostId;
    this.deletions = deletions;
  }

  /** Whether ports are pooled. */
  boolean enabled() {
    return sizes.enabled() && hostId.isPresent();
  }

  /** A free port with an address on the subnet, if one is ready; refills in the background. */
  Optional<Port> take(Subnet subnet) {
    if (!enabled()) {
      return Optional.empty();
    }
    FreePorts ports = freePorts(subnet);
    Optional<Port> taken;
    synchronized (ports) {
      Optional<String> first = ports.free.keySet().stream().findFirst();
      taken = first.map(ports.free::remove);
      ports.lastTakeNanos = System.nanoTime();
    }
    refillIfLow(ports);
    return taken;
  }

  /** Takes a given port out of the pool: whether it was free there. */
  boolean remove(Port port) {
    if (port.fixedIps().size() != 1) {
      return false;
    }
    FreePorts ports = bySubnet.get(port.fixedIps().getFirst().subnetId());
    if (ports == null) {
      return false;
    }
    synchronized (ports) {
      return ports.free.remove(port.id()) != null;
    }
  }

  /** Starts filling the pools of a network's subnets, e.g. when the network was just created. */
  void prefill(NetworkView view) {
    if (enabled()) {
      view.subnets().forEach(s -> refillIfLow(freePorts(s)));
    }
  }

  /**
   * Whether a released port should go back to the pool rather than be deleted: a pool port with one
   * address, on a subnet whose pool has room.
   */
  boolean wantsBack(Port port) {
    if (!enabled() || !port.tags().contains(KuryrTags.POOL_PORT) || port.fixedIps().size() != 1) {
      return false;
    }
    FreePorts ports = bySubnet.get(port.fixedIps().getFirst().subnetId());
    if (ports == null) {
      return false;
    }
    synchronized (ports) {
      return !ports.closed && ports.free.size() + ports.creating < Math.min(sizes.max(), ports.cap);
    }
  }

  /**
   * Makes a released pool port free again, in the background: its endpoint's tags must be gone
   * already. A port the container's name was given to in DNS (with the endpoint as its device) has
   * both cleared first, so that no name outlives its container; a port that cannot be read or
   * cleared is deleted.
   */
  void putBack(Port port) {
    known.add(port.id());
    synchronized (returnsLock) {
      returning++;
    }
    Thread.ofVirtual()
        .name("port-pool-return")
        .start(() -> BackgroundTask.run("port pool", () -> takeBackCounted(port)));
  }

  private void takeBackCounted(Port port) {
    try {
      takeBack(port);
    } finally {
      synchronized (returnsLock) {
        returning--;
        returnsLock.notifyAll();
      }
    }
  }

  /** Released ports being checked or cleared before they are free again. */
  int returning() {
    synchronized (returnsLock) {
      return returning;
    }
  }

  /**
   * Waits until no released port is being checked or cleared any more.
   *
   * @return whether none is left; false after {@code timeout}
   */
  boolean awaitReturns(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (returnsLock) {
      while (returning > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(returnsLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void takeBack(Port released) {
    Optional<Port> now;
    try {
      now = neutron.ports().find(released.id());
    } catch (RuntimeException e) {
      // Unsure what it carries: it is not handed out again.
      LOG.warning(() -> "failed to read port " + released.id() + ": " + e.getMessage());
      discard(released);
      return;
    }
    if (now.isEmpty()) {
      known.remove(released.id());
      return;
    }
    Optional<Port> clean = isClean(now.get()) ? now : cleaned(now.get());
    if (clean.isEmpty() || !addFree(clean.get())) {
      discard(now.get());
    }
  }

  private Optional<Port> cleaned(Port port) {
    var request = PortRequest.builder().deviceId("");
    if (port.dnsName() != null && !port.dnsName().isEmpty()) {
      request.dnsName("");
    }
    try {
      return Optional.of(neutron.ports().update(port.id(), request.build()));
    } catch (RuntimeException e) {
      LOG.warning(() -> "failed to clear port " + port.id() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether a free port carries nothing of a container that used it: no DNS name, no device. */
  static boolean isClean(Port port) {
    return (port.dnsName() == null || port.dnsName().isEmpty()) && port.deviceId().isEmpty();
  }

  private boolean addFree(Port port) {
    FreePorts ports = freePorts(port.networkId(), port.fixedIps().getFirst().subnetId());
    synchronized (ports) {
      if (ports.closed) {
        return false;
      }
      ports.free.put(port.id(), port);
      return true;
    }
  }

  /** Forgets a port that is being deleted. */
  void forget(String portId) {
    known.remove(portId);
  }

  /**
   * Empties the pools of a network that is being deleted: stops refilling them, deletes their free
   * ports and waits until every port deletion queued for the network is done.
   */
  void drain(String networkId) {
    var free = new ArrayList<Port>();
    for (FreePorts ports : List.copyOf(bySubnet.values())) {
      if (ports.networkId.equals(networkId)) {
        free.addAll(close(ports));
        bySubnet.remove(ports.subnetId, ports);
      }
    }
    free.forEach(this::discard);
    if (!deletions.awaitNetwork(networkId, DRAIN_TIMEOUT)) {
      LOG.warning(() -> "ports of network " + networkId + " are still being deleted");
    }
    if (!free.isEmpty()) {
      LOG.info(() -> "emptied the port pool of network " + networkId + ": " + free.size());
    }
  }

  /**
   * Deletes what is left of containers on a network that is about to be deleted: Kuryr's ports
   * bound to this host, but not a user's. Docker deletes a network only once no container of this
   * host is on it, so these are reservations and endpoints a stopped daemon could not release.
   */
  void deleteLeftovers(String networkId) {
    if (hostId.isEmpty()) {
      return;
    }
    var query =
        Query.builder()
            .where("network_id", networkId)
            .where("binding:host_id", hostId.get())
            .where("device_owner", KuryrTags.DEVICE_OWNER)
            .build();
    List<Port> left =
        NeutronFailures.call(
                "list the ports left on network " + networkId, () -> neutron.ports().list(query))
            .stream()
            .filter(p -> !p.tags().contains(KuryrTags.EXISTING_PORT))
            .toList();
    left.forEach(this::discard);
    if (!left.isEmpty()) {
      LOG.info(() -> "deleting " + left.size() + " ports left on network " + networkId);
      deletions.awaitNetwork(networkId, DRAIN_TIMEOUT);
    }
  }

  // Waits for a running refill, whose ports land in the pool (or are deleted) when it ends.
  private static List<Port> close(FreePorts ports) {
    synchronized (ports) {
      ports.closed = true;
      while (ports.refilling) {
        try {
          ports.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      var free = new ArrayList<>(ports.free.values());
      ports.free.clear();
      return free;
    }
  }

  private void discard(Port port) {
    known.remove(port.id());
    deletions.delete(port);
  }

  /**
   * Finds this host's pool ports again after a restart: the free ones rejoin the pool, those of
   * networks no Docker network uses any more are deleted, and so are ports released but not yet
   * deleted, free ports still carrying a container's DNS name or device, and pool ports whose
   * creation was interrupted before they were tagged.
   */
  void recover() {
    if (hostId.isEmpty()) {
      return;
    }
    var query =
        Query.builder()
            .where("binding:host_id", hostId.get())
            .where("device_owner", KuryrTags.DEVICE_OWNER)
            .build();
    List<Port> ports =
        NeutronFailures.call("list the ports of this host", () -> neutron.ports().list(query));
    var free = new ArrayList<Port>();
    // Ports in use are left alone: they are found by their endpoint when Docker asks for it.
    for (Port port : ports) {
      PoolPortState state = PoolPortState.of(port);
      if (state == PoolPortState.FREE && isClean(port)) {
        free.add(port);
      } else if (state == PoolPortState.FREE && !known.contains(port.id())) {
        discard(port);
      } else if (state == PoolPortState.LEFTOVER) {
        discard(port);
      }
    }
    adoptFree(free);
  }

  private void adoptFree(List<Port> free) {
    Set<String> dockerNetworks = networksServingDocker(free);
    int adopted = 0;
    for (Port port : free) {
      if (!enabled() || !dockerNetworks.contains(port.networkId())) {
        discard(port);
      } else if (known.add(port.id())) {
        FreePorts ports = freePorts(port.networkId(), port.fixedIps().getFirst().subnetId());
        synchronized (ports) {
          ports.free.put(port.id(), port);
        }
        adopted++;
      }
    }
    int count = adopted;
    LOG.info(() -> "port pool: " + count + " free ports found again");
  }

  private Set<String> networksServingDocker(List<Port> ports) {
    List<String> ids = ports.stream().map(Port::networkId).distinct().toList();
    if (ids.isEmpty()) {
      return Set.of();
    }
    var query = Query.builder().ids(ids).build();
    return NeutronFailures.call("read networks of pool ports", () -> neutron.networks().list(query))
        .stream()
        .filter(n -> n.tags().stream().anyMatch(KuryrTags::isIdTag))
        .map(Network::id)
        .collect(Collectors.toSet());
  }

  /** The number of free ports per Neutron network and subnet, for the daemon's figures. */
  Map<String, Object> figures() {
    var figures = new TreeMap<String, Object>();
    for (FreePorts ports : bySubnet.values()) {
      synchronized (ports) {
        figures.put(
            ports.networkId + "/" + ports.subnetId,
            Map.of("free", ports.free.size(), "refilling", ports.refilling));
      }
    }
    return Collections.unmodifiableMap(figures);
  }

  private FreePorts freePorts(String networkId, String subnetId) {
    return bySubnet.computeIfAbsent(subnetId, id -> new FreePorts(networkId, id));
  }

  private FreePorts freePorts(Subnet subnet) {
    FreePorts ports = freePorts(subnet.networkId(), subnet.id());
    Cidr cidr = Cidr.parse(subnet.cidr());
    int hostBits = (cidr.ipVersion() == 4 ? 32 : 128) - cidr.prefixLength();
    synchronized (ports) {
      // Network, broadcast and gateway addresses aside; IPv6 subnets are never that small.
      ports.cap = hostBits >= 30 ? Integer.MAX_VALUE : Math.max(0, ((1 << hostBits) - 3) / 4);
    }
    return ports;
  }

  private int minFree(FreePorts ports) {
    return Math.min(sizes.min(), ports.cap);
  }

  private void refillIfLow(FreePorts ports) {
    synchronized (ports) {
      if (ports.closed
          || ports.refilling
          || ports.free.size() >= minFree(ports)
          || System.nanoTime() < ports.retryAfterNanos) {
        return;
      }
      ports.refilling = true;
    }
    Thread.ofVirtual()
        .name("port-pool-refill")
        .start(() -> BackgroundTask.run("port pool", () -> refill(ports)));
  }

  private void refill(FreePorts ports) {
    boolean failed = false;
    awaitQuiet(ports);
    refillTurn.acquireUninterruptibly();
    try {
      for (int wanted = wanted(ports); wanted > 0; wanted = wanted(ports)) {
        addAll(ports, createBatch(ports, wanted));
      }
    } catch (RuntimeException e) {
      // Neutron's failure, or a malformed answer: the pool stays as it is until the next try.
      LOG.warning(
          () ->
              "failed to refill the port pool of subnet "
                  + ports.subnetId
                  + ": "
                  + e.getMessage()
                  + "; trying again in "
                  + RETRY_AFTER_FAILURE.toSeconds()
                  + " s");
      failed = true;
    } finally {
      refillTurn.release();
      synchronized (ports) {
        ports.creating = 0;
        ports.refilling = false;
        if (failed) {
          ports.retryAfterNanos = System.nanoTime() + RETRY_AFTER_FAILURE.toNanos();
        }
        ports.notifyAll();
      }
    }
    if (failed) {
      Thread.ofVirtual().name("port-pool-retry").start(() -> retryLater(ports));
    }
  }

  // Until no port was taken for a moment, or none is left, or the delay is up.
  private static void awaitQuiet(FreePorts ports) {
    long deadline = System.nanoTime() + LONGEST_REFILL_DELAY.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (ports) {
        boolean quiet = System.nanoTime() - ports.lastTakeNanos >= QUIET_BEFORE_REFILL.toNanos();
        if (quiet || ports.free.isEmpty() || ports.closed) {
          return;
        }
      }
      try {
        Thread.sleep(QUIET_BEFORE_REFILL.dividedBy(6));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void retryLater(FreePorts ports) {
    try {
      Thread.sleep(RETRY_AFTER_FAILURE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    refillIfLow(ports);
  }

  /** How many ports the next batch creates: 0 once {@code min} are free. */
  private int wanted(FreePorts ports) {
    synchronized (ports) {
      if (ports.closed || ports.free.size() >= minFree(ports)) {
        return 0;
      }
      ports.creating =
          Math.min(sizes.batch(), Math.min(sizes.max(), ports.cap) - ports.free.size());
      return ports.creating;
    }
  }

  private List<Port> createBatch(FreePorts ports, int count) {
    var requests = new ArrayList<PortRequest>();
    for (int i = 0; i < count; i++) {
      requests.add(
          PortRequest.builder()
              .networkId(ports.networkId)
              .name(KuryrTags.POOL_PORT_NAME)
              .fixedIps(List.of(FixedIp.onSubnet(ports.subnetId)))
              .deviceOwner(KuryrTags.DEVICE_OWNER)
              .bindingHostId(hostId.orElseThrow())
              .adminStateUp(true)
              .tags(List.of(KuryrTags.POOL_PORT))
              .build());
    }
    List<Port> created = neutron.ports().create(requests);
    LOG.info(() -> "port pool of subnet " + ports.subnetId + ": created " + created.size());
    return created;
  }

  private void addAll(FreePorts ports, List<Port> created) {
    created.forEach(p -> known.add(p.id()));
    synchronized (ports) {
      ports.creating = 0;
      if (!ports.closed) {
        created.forEach(p -> ports.free.put(p.id(), p));
        return;
      }
    }
    created.forEach(this::discard);
  }

  /** What a port of this host is to the pool. */
  enum PoolPortState {
    /** A pool port no container uses. */
    FREE,
    /** A pool port a container uses. */
    IN_USE,
    /** Released and not yet deleted, or a pool port created but never tagged. */
    LEFTOVER,
    /** Not a pool port. */
    NOT_POOLED;

    static PoolPortState of(Port port) {
      List<String> tags = port.tags();
      boolean used = tags.stream().anyMatch(KuryrTags::isIdTag);
      if (tags.contains(KuryrTags.RELEASED_PORT)) {
        return LEFTOVER;
      }
      if (tags.contains(KuryrTags.POOL_PORT)) {
        return used ? IN_USE : FREE;
      }
      boolean untaggedPoolPort = KuryrTags.POOL_PORT_NAME.equals(port.name()) && !used;
      return untaggedPoolPort ? LEFTOVER : NOT_POOLED;
    }
  }
}
