package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.SubPort;

/**
 * Nested VLAN mode end to end: a dockerd inside a "VM" of the bed calls kuryr running in the VM,
 * which makes each container's Neutron port a subport of the VM port's trunk. The frames leave the
 * VM tagged and reach Neutron ports outside it through OVN.
 */
class NestedVlanIT {
  @TempDir static Path dir;
  private static NestedVm vm;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @BeforeAll
  static void startVmAndDaemon() {
    neutron = BedNeutron.client();
    vm = NestedVm.up("kv");
    daemon = vm.startKuryr(dir, "vlan");
  }

  @AfterAll
  static void removeVm() {
    try {
      if (daemon != null) {
        daemon.close();
      }
    } finally {
      if (vm != null) {
        vm.close();
      }
      if (neutron != null) {
        neutron.close();
      }
    }
  }

  @AfterEach
  void removeWhatTheTestMade() {
    vm.removeQuietly(containers, networks);
  }

  private String network(String... createArgs) {
    String name = vm.name() + "-net" + networks.size();
    var args =
        new ArrayList<>(List.of("network", "create", "-d", "kuryr", "--ipam-driver", "kuryr"));
    args.addAll(List.of(createArgs));
    args.add(name);
    vm.docker(args.toArray(String[]::new));
    networks.add(name);
    return name;
  }

  private String container(String network) {
    String name = vm.name() + "-c" + containers.size();
    containers.add(name);
    vm.docker(run(name, network));
    return name;
  }

  /** A container that answers TCP 8080 with its name. */
  private static String[] run(String name, String network) {
    return new String[] {
      "run",
      "-d",
      "--name",
      name,
      "--net",
      network,
      "busybox",
      "sh",
      "-c",
      "while true; do echo " + name + " | nc -l -p 8080; done"
    };
  }

  // A peer of its own per test: a peer that knew a removed container's address by its MAC would
  // not learn a new container's MAC for it (OVN answers the new one's ARP in the peer's stead).
  private static String peer(String name, String networkId) {
    return vm.peer(name, networkId);
  }

  private void assertReaches(String container, String address, String answer) {
    vm.docker("exec", container, "ping", "-c", "1", "-W", "3", address);
    assertThat(vm.docker("exec", container, "nc", "-w", "3", address, "8080")).isEqualTo(answer);
  }

  private static List<SubPort> subports() {
    return neutron.trunks().subports(vm.get("TRUNK_ID"));
  }

  private static Port portOf(String networkId, String address) {
    return BedNeutron.portWithAddress(neutron, networkId, address);
  }

  @Test
  void containersOnSubportsOfTheVmsTrunkReachAPortOutsideTheVm() {
    String net = network("--subnet", vm.get("NET_CIDR"));
    String peer = peer("1", vm.get("NET_ID"));
    String a = container(net);
    String b = container(net);

    assertReaches(a, peer, vm.peerAnswer("1"));
    assertReaches(b, peer, vm.peerAnswer("1"));
    assertReaches(a, vm.ipv4(b, net), b);

    String vmNetwork = vm.get("NET_ID");
    List<SubPort> onTrunk = subports();
    assertThat(onTrunk).extracting(SubPort::segmentationId).doesNotHaveDuplicates().hasSize(2);
    for (String container : List.of(a, b)) {
      Port port = portOf(vmNetwork, vm.ipv4(container, net));
      assertThat(onTrunk).extracting(SubPort::portId).contains(port.id());
      assertThat(port.status()).isEqualTo("ACTIVE");
      assertThat(port.deviceOwner()).isEqualTo("trunk:subport");
      assertThat(port.macAddress()).isEqualTo(vm.mac(container, net));
    }

    vm.docker("rm", "-f", a, b);
    vm.docker("network", "rm", net);
    containers.clear();
    networks.clear();

    assertThat(subports()).isEmpty();
    assertThat(kuryrPorts(vmNetwork)).isEmpty();
    Network kept = neutron.networks().get(vmNetwork);
    assertThat(kept.tags()).isEmpty();
  }

  @Test
  void networkNamedByUuidIsTrunkedToTheVmToo() {
    String net =
        network("--subnet", vm.get("NET2_CIDR"), "-o", "neutron.net.uuid=" + vm.get("NET2_ID"));
    String peer = peer("2", vm.get("NET2_ID"));
    String a = container(net);

    assertReaches(a, peer, vm.peerAnswer("2"));
    Port port = portOf(vm.get("NET2_ID"), vm.ipv4(a, net));
    assertThat(subports()).extracting(SubPort::portId).containsExactly(port.id());

    vm.docker("rm", "-f", a);
    containers.clear();
    assertThat(subports()).isEmpty();
  }

  /**
   * Twenty {@code docker run} at once, and the daemon killed while they run: the containers whose
   * start failed are started again once it is back. In the end every container has a subport with a
   * VLAN ID of its own, and the trunk holds no other.
   */
  @Test
  void twentyContainersStartedTogetherGetDistinctVlansThroughADaemonKill() throws Exception {
    int count = 20;
    String net = network("--subnet", vm.get("NET_CIDR"));
    String peer = peer("3", vm.get("NET_ID"));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(vm.name() + "-p" + i);
    }
    containers.addAll(names);

    long started = System.nanoTime();
    Map<String, Future<Shell.Result>> runs = new HashMap<>();
    try (var pool = Executors.newFixedThreadPool(count)) {
      for (String name : names) {
        runs.put(name, pool.submit(() -> vm.tryDocker(run(name, net))));
      }
      awaitTrue(() -> subports().size() >= count / 4, Duration.ofMinutes(5));
      daemon.kill();
      daemon.start();
    }
    List<String> failed = new ArrayList<>();
    for (String name : names) {
      if (!runs.get(name).get().ok()) {
        failed.add(name);
      }
    }
    for (String name : failed) {
      vm.tryDocker("rm", "-f", name);
      vm.docker(run(name, net));
    }

    long allRunning = System.nanoTime();
    List<SubPort> onTrunk = subports();
    assertThat(onTrunk).hasSize(count);
    assertThat(onTrunk).extracting(SubPort::segmentationId).doesNotHaveDuplicates();
    List<String> containerPorts = new ArrayList<>();
    for (String name : names) {
      containerPorts.add(portOf(vm.get("NET_ID"), vm.ipv4(name, net)).id());
    }
    assertThat(onTrunk)
        .extracting(SubPort::portId)
        .containsExactlyInAnyOrderElementsOf(containerPorts);
    for (String name : names) {
      assertReaches(name, peer, vm.peerAnswer("3"));
    }

    vm.removeQuietly(names, List.of());
    containers.clear();
    assertThat(subports()).isEmpty();
    System.out.printf(
        "%d parallel starts with a daemon kill: %d failed and were started again; all running"
            + " after %d s, all removed after %d s more%n",
        count,
        failed.size(),
        Duration.ofNanos(allRunning - started).toSeconds(),
        Duration.ofNanos(System.nanoTime() - allRunning).toSeconds());
  }

  /** Ports Kuryr made on a network: subports and container ports. */
  private static List<Port> kuryrPorts(String networkId) {
    return neutron.ports().list(Query.where("network_id", networkId)).stream()
        .filter(
            p ->
                p.deviceOwner().equals("trunk:subport")
                    || p.deviceOwner().equals("compute:kuryr")
                    || p.tags().contains("compute:kuryr"))
        .toList();
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(100);
    }
  }
}
