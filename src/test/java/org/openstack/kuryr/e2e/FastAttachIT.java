package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.mapping.KuryrTags;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import tools.jackson.databind.JsonNode;

/**
 * Starting containers with the daemon's default configuration, its port pool on: the network works
 * when the container's first command runs, {@code docker run} costs few Neutron requests, bursts
 * succeed, and the pool survives a crash and goes with its network.
 *
 * <p>The daemon serves under a plugin name new to this dockerd: Docker reads a plugin's
 * capabilities once, the first time it uses it, and one that met an older kuryr as {@code kuryr}
 * still makes every container's MAC itself, which bypasses the pool.
 */
class FastAttachIT {
  private static final String PLUGIN =
      "kuryr-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());

  @TempDir static Path dir;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final String prefix = "kf" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @BeforeAll
  static void startDaemon() {
    neutron = BedNeutron.client();
    daemon = KuryrDaemon.startAs(PLUGIN, dir, "");
  }

  @AfterAll
  static void stopDaemon() {
    if (daemon != null) {
      daemon.close();
    }
    if (neutron != null) {
      neutron.close();
    }
  }

  @AfterEach
  void removeWhatTheTestMade() {
    Docker.removeQuietly(containers, networks);
  }

  private String network() {
    String name = prefix + "-net" + networks.size();
    String cidr =
        "10.7"
            + ThreadLocalRandom.current().nextInt(10)
            + "."
            + ThreadLocalRandom.current().nextInt(1, 250)
            + ".0/24";
    docker("network", "create", "-d", PLUGIN, "--ipam-driver", PLUGIN, "--subnet", cidr, name);
    networks.add(name);
    return name;
  }

  /** A long-running container answering TCP on 8080; returns its address. */
  private String peer(String network) {
    String name = prefix + "-peer" + containers.size();
    docker(
        "run",
        "-d",
        "--name",
        name,
        "--net",
        network,
        "busybox",
        "sh",
        "-c",
        "while true; do echo " + name + " | nc -l -p 8080; done");
    containers.add(name);
    return Docker.ipv4(name, network);
  }

  private Subnet subnetOf(String dockerNetwork) {
    Network net = BedNeutron.networkOf(neutron, Docker.networkId(dockerNetwork));
    return BedNeutron.subnets(neutron, net.id()).getFirst();
  }

  private long freePoolPorts(Subnet subnet) {
    return pool(subnet).path("free").asLong(0);
  }

  /** Whether the subnet's pool has free ports and no refill under way. */
  private boolean poolFilled(Subnet subnet) {
    JsonNode pool = pool(subnet);
    return pool.path("free").asLong(0) > 0 && !pool.path("refilling").asBoolean(true);
  }

  private JsonNode pool(Subnet subnet) {
    return daemon.metrics().required("port_pool").path(subnet.networkId() + "/" + subnet.id());
  }

  private static int freePoolPorts(String networkId) {
    int free = 0;
    for (var subnet : daemon.metrics().path("port_pool").properties()) {
      if (subnet.getKey().startsWith(networkId + "/")) {
        free += subnet.getValue().path("free").asInt();
      }
    }
    return free;
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within " + timeout + ": " + what + "; kuryr's warnings:\n" + warnings());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String warnings() {
    return daemon
        .logText()
        .lines()
        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
        .limit(40)
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  @Test
  void firstCommandOfEachNewContainerReachesItsPeer() {
    String net = network();
    String peer = peer(net);

    for (int i = 0; i < 5; i++) {
      // busybox's ping sends once and exits non-zero without an answer: no retry hides a late
      // network, and nc sends its first SYN at once.
      docker("run", "--rm", "--net", net, "busybox", "ping", "-c", "1", "-W", "2", peer);
      assertThat(docker("run", "--rm", "--net", net, "busybox", "nc", "-w", "2", peer, "8080"))
          .isEqualTo(containers.getFirst());
    }
  }

  @Test
  void containerFromThePoolCostsDockerAtMostThreeNeutronRequests() {
    String net = network();
    Subnet subnet = subnetOf(net);
    await("a filled pool", Duration.ofSeconds(120), () -> poolFilled(subnet));
    awaitIdle();
    JsonNode before = daemon.metrics();

    docker("run", "--rm", "--net", net, "busybox", "true");
    awaitIdle();
    JsonNode after = daemon.metrics();

    // In the background the released port is read, and cleared of the DNS name and device the
    // container's name gave it, before it is free again.
    RequestCount count = RequestCount.between(before, after);
    assertThat(count.onDockersPath()).as(count.toString()).isBetween(1L, 3L);
    assertThat(count.inBackground()).as(count.toString()).isBetween(1L, 2L);
  }

  private static void awaitIdle() {
    await(
        "no background port work",
        Duration.ofSeconds(30),
        () -> !RequestCount.backgroundBusy(daemon.metrics()));
  }

  /**
   * Twenty containers at once on a network whose pool has filled (the daemon's steady state): each
   * one's first command reaches the peer. A burst on a network created a moment ago takes ports
   * created on the spot, and there a first packet is sometimes lost under load (a known limit).
   */
  @Test
  void twentyContainersStartedTogetherAllReachTheirPeer() throws Exception {
    String net = network();
    String peer = peer(net);
    String networkId = BedNeutron.networkOf(neutron, Docker.networkId(net)).id();
    await("a full pool", Duration.ofSeconds(60), () -> freePoolPorts(networkId) >= 20);
    List<Future<Shell.Result>> runs = new ArrayList<>();

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 20; i++) {
        runs.add(
            executor.submit(
                () ->
                    Docker.tryDocker(
                        "run", "--rm", "--net", net, "busybox", "ping", "-c", "1", "-W", "3",
                        peer)));
      }
    }

    for (Future<Shell.Result> run : runs) {
      Shell.Result result = run.get();
      assertThat(result.ok()).as(result.stderr() + result.stdout()).isTrue();
    }
  }

  @Test
  void poolIsFoundAgainAfterACrashAndGoesWithItsNetwork() {
    String net = network();
    Subnet subnet = subnetOf(net);
    await("a filled pool", Duration.ofSeconds(120), () -> poolFilled(subnet));
    long free = freePoolPorts(subnet);

    daemon.kill();
    daemon.start();
    await("the pool found again", Duration.ofSeconds(30), () -> freePoolPorts(subnet) == free);
    String peer = peer(net);
    Port used = BedNeutron.portWithAddress(neutron, subnet.networkId(), peer);
    docker("rm", "-f", containers.removeLast());
    docker("network", "rm", net);
    networks.remove(net);

    assertThat(used.tags()).contains(KuryrTags.POOL_PORT);
    assertThat(neutron.ports().list(Query.where("network_id", subnet.networkId()))).isEmpty();
    assertThat(neutron.networks().find(subnet.networkId())).isEmpty();
  }

  @Test
  void releasedPortLeftByAStoppedDaemonIsDeletedAtStart() {
    String net = network();
    String peer = peer(net);
    Subnet subnet = subnetOf(net);
    String host = BedNeutron.portWithAddress(neutron, subnet.networkId(), peer).bindingHostId();
    Port leftover =
        neutron
            .ports()
            .create(
                PortRequest.builder()
                    .networkId(subnet.networkId())
                    .name(KuryrTags.UNBOUND_PORT_NAME)
                    .fixedIps(List.of(FixedIp.onSubnet(subnet.id())))
                    .deviceOwner(KuryrTags.DEVICE_OWNER)
                    .bindingHostId(host)
                    .build());
    neutron.tags().add(ResourceKind.PORT, leftover.id(), KuryrTags.RELEASED_PORT);

    daemon.restart();

    await(
        "the released port deleted",
        Duration.ofSeconds(30),
        () -> neutron.ports().find(leftover.id()).isEmpty());
  }
}
