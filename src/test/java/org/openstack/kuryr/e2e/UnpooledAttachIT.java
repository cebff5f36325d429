package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.mapping.KuryrTags;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import tools.jackson.databind.JsonNode;

/**
 * Starting containers with the port pool off: each port is created for its container, bound to the
 * host in the same request, and deleted after it.
 */
class UnpooledAttachIT {
  @TempDir static Path dir;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final String prefix = "ku" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @BeforeAll
  static void startDaemon() {
    neutron = BedNeutron.client();
    daemon = KuryrDaemon.start(dir, "[vif_pool]\nenabled = false\n");
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
    String name = prefix + "-net";
    String cidr = "10.7" + ThreadLocalRandom.current().nextInt(10) + ".250.0/24";
    docker("network", "create", "-d", "kuryr", "--ipam-driver", "kuryr", "--subnet", cidr, name);
    networks.add(name);
    return name;
  }

  private String peer(String network) {
    String name = prefix + "-peer";
    docker("run", "-d", "--name", name, "--net", network, "busybox", "sleep", "600");
    containers.add(name);
    return Docker.ipv4(name, network);
  }

  @Test
  void containerLifecycleTakesAtMostSixNeutronRequestsThreeOfThemOnDockersPath() {
    String net = network();
    String peer = peer(net);
    awaitIdle();
    JsonNode before = daemon.metrics();

    docker("run", "--rm", "--net", net, "busybox", "ping", "-c", "1", "-W", "2", peer);
    awaitIdle();

    RequestCount count = RequestCount.between(before, daemon.metrics());
    assertThat(count.total()).as(count.toString()).isBetween(2L, 6L);
    assertThat(count.onDockersPath()).as(count.toString()).isBetween(1L, 3L);
  }

  @Test
  void portIsCreatedBoundToThisHostTaggedWithItsEndpointAndDeletedAfterTheContainer() {
    String net = network();
    String peer = peer(net);
    String networkId = BedNeutron.networkOf(neutron, Docker.networkId(net)).id();
    String endpointId =
        docker(
            "inspect",
            "-f",
            "{{(index .NetworkSettings.Networks \"" + net + "\").EndpointID}}",
            containers.getLast());

    Port port = BedNeutron.portWithAddress(neutron, networkId, peer);
    docker("rm", "-f", containers.removeLast());

    assertThat(port.bindingHostId()).isNotBlank();
    assertThat(port.tags()).containsAll(KuryrTags.idTags(endpointId));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (neutron.ports().find(port.id()).isPresent()) {
      assertThat(System.nanoTime()).as("port deleted within 30 s").isLessThan(deadline);
      sleep(Duration.ofMillis(200));
    }
  }

  private static void awaitIdle() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (RequestCount.backgroundBusy(daemon.metrics())) {
      assertThat(System.nanoTime()).as("background deletions within 30 s").isLessThan(deadline);
      sleep(Duration.ofMillis(100));
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
