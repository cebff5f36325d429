package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.openstack.kuryr.docker.Container;
import org.openstack.kuryr.docker.DockerEngine;
import org.openstack.kuryr.docker.DockerEngineException;
import org.openstack.kuryr.docker.EngineEvent;
import org.openstack.kuryr.docker.EventStream;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;

/**
 * Gives container ports their container's name as {@code dns_name}, so that VMs and containers on
 * the Neutron network, on any host, resolve the container through Neutron's DNS integration. Docker
 * does not tell a network plugin the names (before Docker 29), so they come from the local engine:
 * its running containers when this starts, then its events as containers start, are renamed or join
 * networks. Nothing is needed on removal: the port goes with the container.
 *
 * <p>A user's own port keeps its name. Without Neutron's {@code dns-integration} nothing is done.
 *
 * <p>Works on one virtual thread of its own, reconnecting to the engine with a growing pause when
 * the event stream breaks; {@link #close()} may be called from any thread.
 */
public final class ContainerDnsNames implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ContainerDnsNames.class.getName());
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
  // The engine lists a network's endpoint a moment after it reports the connection.
  private static final int ENDPOINT_LOOKUPS = 20;
  private static final Duration ENDPOINT_LOOKUP_PAUSE = Duration.ofMillis(100);
  private static final int NAMES_REMEMBERED = 512;

  /**
   * How long a container must run before its ports are named. Most containers that end sooner are
   * {@code docker run} of a short command: naming one costs Neutron an update of a bound port (the
   * slowest update there is), racing the release of that very port.
   */
  public static final Duration SETTLE_TIME = Duration.ofSeconds(1);

  private final NeutronClient neutron;
  private final DockerEngine docker;
  private final String hostId;
  private final Duration settleTime;
  private final AtomicInteger settling = new AtomicInteger();
  // The names this daemon gave, by endpoint: the most recent few hundred.
  private final Map<String, String> named =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > NAMES_REMEMBERED;
        }
      };
  private volatile EventStream stream;
  private volatile boolean closed;
  private Thread worker;

  private ContainerDnsNames(
      NeutronClient neutron, DockerEngine docker, String hostId, Duration settleTime) {
    this.neutron = neutron;
    this.docker = docker;
    this.hostId = hostId;
    this.settleTime = settleTime;
  }

  /**
   * Starts naming the ports of this host's containers.
   *
   * @param hostId the host ports are bound to, whose containers the engine runs
   */
  public static ContainerDnsNames start(NeutronClient neutron, DockerEngine docker, String hostId) {
    return start(neutron, docker, hostId, SETTLE_TIME);
  }

  /**
   * Starts naming the ports of this host's containers, those that start from now on once they have
   * run for {@code settleTime}.
   */
  static ContainerDnsNames start(
      NeutronClient neutron, DockerEngine docker, String hostId, Duration settleTime) {
    var names = new ContainerDnsNames(neutron, docker, hostId, settleTime);
    names.worker =
        Thread.ofVirtual()
            .name("container-dns-names")
            .start(() -> BackgroundTask.run("container DNS names", names::run));
    return names;
  }

  private void run() {
    Duration pause = FIRST_PAUSE;
    while (!closed) {
      Duration wait = pause;
      try {
        if (!dnsIntegration()) {
          LOG.info("Neutron has no dns-integration: container ports keep Neutron's names");
          return;
        }
        followEvents();
        pause = FIRST_PAUSE;
      } catch (DockerEngineException | KuryrException | NeutronException e) {
        if (closed) {
          return;
        }
        LOG.warning(() -> "naming container ports: " + e.getMessage() + "; again in " + wait);
        pause = longer(pause);
      }
      if (!sleep(wait)) {
        return;
      }
    }
  }

  private static Duration longer(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
  }

  private boolean dnsIntegration() {
    return NeutronFailures.call("read Neutron's extensions", neutron::capabilities)
        .dnsIntegration();
  }

  // Events are followed before the running containers are read, so no start falls in between.
  private void followEvents() {
    try (EventStream events = docker.events()) {
      stream = events;
      if (closed) {
        return;
      }
      nameAll();
      for (var event = events.next(); event.isPresent() && !closed; event = events.next()) {
        handle(event.get());
      }
    }
  }

  /** Names the ports of every running container. */
  void nameAll() {
    List<Container> containers = docker.runningContainers();
    var query =
        Query.builder()
            .where("device_owner", KuryrTags.DEVICE_OWNER)
            .where("binding:host_id", hostId)
            .build();
    Map<String, Port> portsByEndpoint = byEndpoint(hostPorts());
    for (Container container : containers) {
      for (String endpointId : container.endpointIds().values()) {
        Port port = portsByEndpoint.get(endpointId);
        if (port != null) {
          name(port, endpointId, container.name());
        }
      }
    }
  }

  private List<Port> hostPorts() {
    var query =
        Query.builder()
            .where("device_owner", KuryrTags.DEVICE_OWNER)
            .where("binding:host_id", hostId)
            .build();
    return NeutronFailures.call("list container ports", () -> neutron.ports().list(query));
  }

  private static Map<String, Port> byEndpoint(List<Port> ports) {
    var byEndpoint = new LinkedHashMap<String, Port>();
    ports.forEach(port -> endpointOf(port).ifPresent(e -> byEndpoint.putIfAbsent(e, port)));
    return byEndpoint;
  }

  // A port bound ahead of time (created so, or from the pool) names its endpoint in its tags only.
  private static Optional<String> endpointOf(Port port) {
    return port.deviceId().isEmpty() ? KuryrTags.idOf(port.tags()) : Optional.of(port.deviceId());
  }

  /**
   * Names the ports of the container an event is about, once the container has run for the settle
   * time; the event stream goes on meanwhile. A failure only skips the event.
   */
  void handle(EngineEvent event) {
    Optional<String> containerId = event.containerId();
    if (containerId.isEmpty()) {
      return;
    }
    settling.incrementAndGet();
    Thread.ofVirtual()
        .name("dns-name " + containerId.get())
        .start(
            () ->
                BackgroundTask.run(
                    "container DNS names",
                    () -> {
                      try {
                        if (sleep(settleTime) && !closed) {
                          handleNow(containerId.get(), event);
                        }
                      } finally {
                        settling.decrementAndGet();
                      }
                    }));
  }

  /** The containers whose events wait for their settle time or are being handled. */
  public int pending() {
    return settling.get();
  }

  private void handleNow(String containerId, EngineEvent event) {
    try {
      Optional<Container> container = withEndpoints(containerId, event);
      container.ifPresent(this::nameEndpoints);
    } catch (DockerEngineException | KuryrException | NeutronException e) {
      LOG.warning(() -> "failed to name the ports of container " + containerId + ": " + e);
    }
  }

  private Optional<Container> withEndpoints(String containerId, EngineEvent event) {
    Optional<Container> container = docker.container(containerId);
    if (!event.type().equals("network")) {
      return container;
    }
    for (int lookup = 1; lookup < ENDPOINT_LOOKUPS && lacksEndpoint(container, event); lookup++) {
      if (!sleep(ENDPOINT_LOOKUP_PAUSE)) {
        return Optional.empty();
      }
      container = docker.container(containerId);
    }
    return container;
  }

  private static boolean lacksEndpoint(Optional<Container> container, EngineEvent event) {
    return container.isPresent()
        && container.get().running()
        && !container.get().endpointIds().containsKey(event.actorId());
  }

  // A container that is gone already needs no name.
  private void nameEndpoints(Container container) {
    if (!container.running() || container.endpointIds().isEmpty() || allNamed(container)) {
      return;
    }
    Map<String, Port> portsByEndpoint = byEndpoint(hostPorts());
    for (String endpointId : container.endpointIds().values()) {
      Port port = portsByEndpoint.get(endpointId);
      if (port != null) {
        name(port, endpointId, container.name());
      }
    }
  }

  // OVN publishes DNS records of ports that have a device: one bound ahead of time gets its
  // endpoint as device in the same update.
  private void name(Port port, String endpointId, String containerName) {
    if (PortOwnership.of(port) != PortOwnership.KURYR) {
      return;
    }
    Optional<String> label = DnsLabel.of(containerName);
    if (label.isEmpty() || label.get().equals(port.dnsName())) {
      return;
    }
    var named = PortRequest.builder().dnsName(label.get());
    if (port.deviceId().isEmpty()) {
      named.deviceId(endpointId);
    }
    var request = named.build();
    NeutronFailures.call(
        "set dns_name of port " + port.id(), () -> neutron.ports().update(port.id(), request));
    remember(endpointId, label.get());
    LOG.info(() -> "port " + port.id() + " is named " + label.get() + " in DNS");
  }

  // A container starting on a network reports itself twice (connected, started): the second
  // report needs no listing of the host's ports when its endpoints have that name already.
  private boolean allNamed(Container container) {
    Optional<String> label = DnsLabel.of(container.name());
    synchronized (named) {
      return label.isPresent()
          && container.endpointIds().values().stream()
              .allMatch(endpointId -> label.get().equals(named.get(endpointId)));
    }
  }

  private void remember(String endpointId, String label) {
    synchronized (named) {
      named.put(endpointId, label);
    }
  }

  private static boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops following the engine. */
  @Override
  public void close() {
    closed = true;
    EventStream current = stream;
    if (current != null) {
      current.close();
    }
    if (worker != null) {
      worker.interrupt();
    }
  }
}
