package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.docker.Container;
import org.openstack.kuryr.docker.DockerEngine;
import org.openstack.kuryr.docker.EngineEvent;
import org.openstack.kuryr.docker.EventStream;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class ContainerDnsNamesTest {
  private final FakeNeutron neutron = new FakeNeutron();
  private final Subnet subnet = neutron.createNetworkWithSubnet("10.7.0.0/24", List.of());
  private final FakeEngine engine = new FakeEngine();
  private ContainerDnsNames names;

  @AfterEach
  void stop() {
    if (names != null) {
      names.close();
    }
  }

  /** A container's port, bound to the host. */
  private Port boundPort(String endpointId, String host) {
    return neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(subnet.networkId())
                .fixedIps(List.of(FixedIp.onSubnet(subnet.id())))
                .deviceOwner(KuryrTags.DEVICE_OWNER)
                .deviceId(endpointId)
                .bindingHostId(host)
                .build());
  }

  private String dnsNameOf(Port port) {
    return neutron.ports().get(port.id()).dnsName();
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void runningContainersPortsAreNamedWhenItStarts() throws InterruptedException {
    Port port = boundPort("e1", ServicesFixture.HOST);
    engine.run(new Container("c1", "Web_App.1", true, Map.of("n1", "e1")));

    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);

    eventually(() -> "web-app-1".equals(dnsNameOf(port)));
  }

  @Test
  void portBoundAheadOfTimeIsFoundByItsEndpointTagsAndGetsItsDevice() throws InterruptedException {
    String endpointId = "ab".repeat(32);
    Port port = boundPort("", ServicesFixture.HOST);
    neutron.tags().replace(ResourceKind.PORT, port.id(), KuryrTags.idTags(endpointId));
    engine.run(new Container("c9", "pooled", true, Map.of("n1", endpointId)));

    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);

    eventually(() -> "pooled".equals(dnsNameOf(port)));
    assertThat(neutron.ports().get(port.id()).deviceId()).isEqualTo(endpointId);
  }

  @Test
  void startedContainerIsNamedFromItsEvent() throws InterruptedException {
    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);
    engine.awaitFollowers();
    Port port = boundPort("e2", ServicesFixture.HOST);

    engine.run(new Container("c2", "api", true, Map.of("n1", "e2")));
    engine.emit(new EngineEvent("container", "start", "c2", Map.of("name", "api")));

    eventually(() -> "api".equals(dnsNameOf(port)));
  }

  @Test
  void containerGoneWithinTheSettleTimeIsNotNamed() throws InterruptedException {
    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST, Duration.ofMillis(300));
    engine.awaitFollowers();
    Port brief = boundPort("e10", ServicesFixture.HOST);
    Port lasting = boundPort("e11", ServicesFixture.HOST);

    engine.run(new Container("c10", "brief", true, Map.of("n1", "e10")));
    engine.emit(new EngineEvent("container", "start", "c10", Map.of("name", "brief")));
    // Long enough to be named at once without a settle time.
    Thread.sleep(100);
    engine.run(new Container("c10", "brief", false, Map.of("n1", "e10")));
    engine.run(new Container("c11", "lasting", true, Map.of("n1", "e11")));
    engine.emit(new EngineEvent("container", "start", "c11", Map.of("name", "lasting")));

    eventually(() -> "lasting".equals(dnsNameOf(lasting)));
    assertThat(dnsNameOf(brief)).isEmpty();
  }

  @Test
  void renamedContainerIsRenamed() throws InterruptedException {
    Port port = boundPort("e3", ServicesFixture.HOST);
    engine.run(new Container("c3", "old", true, Map.of("n1", "e3")));
    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);
    eventually(() -> "old".equals(dnsNameOf(port)));

    engine.run(new Container("c3", "new", true, Map.of("n1", "e3")));
    engine.emit(new EngineEvent("container", "rename", "c3", Map.of("name", "new")));

    eventually(() -> "new".equals(dnsNameOf(port)));
  }

  @Test
  void connectedContainerIsNamedOnceTheEngineListsTheEndpoint() throws InterruptedException {
    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);
    engine.awaitFollowers();
    Port port = boundPort("e4", ServicesFixture.HOST);
    engine.run(new Container("c4", "late", true, Map.of()));

    engine.emit(new EngineEvent("network", "connect", "n9", Map.of("container", "c4")));
    Thread.sleep(250);
    engine.run(new Container("c4", "late", true, Map.of("n9", "e4")));

    eventually(() -> "late".equals(dnsNameOf(port)));
  }

  @Test
  void usersPortsAndPortsOfOtherNetworksKeepTheirNames() throws InterruptedException {
    Port users = boundPort("e5", ServicesFixture.HOST);
    neutron.tags().add(ResourceKind.PORT, users.id(), KuryrTags.EXISTING_PORT);
    Port ours = boundPort("e6", ServicesFixture.HOST);
    engine.run(new Container("c5", "mine", true, Map.of("n1", "e5", "n2", "e6", "n3", "bridge")));

    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);

    eventually(() -> "mine".equals(dnsNameOf(ours)));
    assertThat(dnsNameOf(users)).isEmpty();
  }

  @Test
  void withoutDnsIntegrationNothingIsRenamed() throws InterruptedException {
    neutron.withoutExtension(Capabilities.DNS_INTEGRATION);
    Port port = boundPort("e7", ServicesFixture.HOST);
    engine.run(new Container("c7", "quiet", true, Map.of("n1", "e7")));

    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);
    eventually(() -> neutron.capabilityReads() > 0);
    Thread.sleep(200);

    assertThat(dnsNameOf(port)).isEmpty();
    assertThat(engine.followers).isZero();
  }

  @Test
  void aBrokenEventStreamIsFollowedAgainAndWhatWasMissedIsNamed() throws InterruptedException {
    names = ContainerDnsNames.start(neutron, engine, ServicesFixture.HOST);
    engine.awaitFollowers();
    Port port = boundPort("e8", ServicesFixture.HOST);

    engine.run(new Container("c8", "missed", true, Map.of("n1", "e8")));
    engine.breakStream();

    eventually(() -> "missed".equals(dnsNameOf(port)));
  }

  /** An engine whose containers and events the test sets. */
  private static final class FakeEngine implements DockerEngine {
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Optional<EngineEvent>> events = new LinkedBlockingQueue<>();
    volatile int followers;

    void run(Container container) {
      containers.put(container.id(), container);
    }

    void emit(EngineEvent event) {
      events.add(Optional.of(event));
    }

    void breakStream() {
      events.add(Optional.empty());
    }

    void awaitFollowers() throws InterruptedException {
      eventually(() -> followers > 0);
      Thread.sleep(50);
    }

    @Override
    public List<Container> runningContainers() {
      return containers.values().stream().filter(Container::running).toList();
    }

    @Override
    public Optional<Container> container(String containerId) {
      return Optional.ofNullable(containers.get(containerId));
    }

    @Override
    public EventStream events() {
      followers++;
      return new EventStream() {
        @Override
        public Optional<EngineEvent> next() {
          try {
            Optional<EngineEvent> event = events.poll(10, TimeUnit.SECONDS);
            return event == null ? Optional.empty() : event;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
          }
        }

        @Override
        public void close() {
          // nothing held
        }
      };
    }
  }
}
