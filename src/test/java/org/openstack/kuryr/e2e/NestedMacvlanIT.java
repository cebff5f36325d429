package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * Nested macvlan mode end to end: a dockerd inside a "VM" of the bed calls kuryr running in the VM;
 * each container is a macvlan on the VM's interface, let through the VM port's anti-spoofing by an
 * allowed address pair, and reaches Neutron ports outside the VM through OVN.
 */
class NestedMacvlanIT {
  // Someone else's pair on the VM port, which kuryr must keep.
  private static final AddressPair USERS_PAIR = new AddressPair("192.0.2.10", "fa:16:3e:0b:0b:0b");

  @TempDir static Path dir;
  private static NestedVm vm;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @BeforeAll
  static void startVmAndDaemon() {
    neutron = BedNeutron.client();
    vm = NestedVm.up("km");
    neutron
        .ports()
        .update(
            vm.get("VM_PORT_ID"),
            PortRequest.builder().allowedAddressPairs(List.of(USERS_PAIR)).build());
    daemon = vm.startKuryr(dir, "nested");
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

  private String vmNetwork() {
    String name = vm.name() + "-net" + networks.size();
    vm.docker(
        "network",
        "create",
        "-d",
        "kuryr",
        "--ipam-driver",
        "kuryr",
        "--subnet",
        vm.get("NET_CIDR"),
        name);
    networks.add(name);
    return name;
  }

  private String[] run(String name, String network) {
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

  private String container(String network) {
    String name = vm.name() + "-c" + containers.size();
    containers.add(name);
    vm.docker(run(name, network));
    return name;
  }

  // A peer of its own per test: a peer that knew a removed container's address by its MAC would
  // not learn a new container's MAC for it (OVN answers the new one's ARP in the peer's stead).
  private static String peer(String name) {
    return vm.peer(name, vm.get("NET_ID"));
  }

  private void assertReaches(String container, String address, String answer) {
    vm.docker("exec", container, "ping", "-c", "1", "-W", "3", address);
    assertThat(vm.docker("exec", container, "nc", "-w", "3", address, "8080")).isEqualTo(answer);
  }

  private static List<AddressPair> vmPairs() {
    return neutron.ports().get(vm.get("VM_PORT_ID")).allowedAddressPairs();
  }

  @Test
  void containersBehindAddressPairsReachAPortOutsideTheVmUntilRemoved() {
    String net = vmNetwork();
    String peer = peer("1");
    String a = container(net);
    String b = container(net);

    assertReaches(a, peer, vm.peerAnswer("1"));
    assertReaches(b, peer, vm.peerAnswer("1"));
    assertReaches(a, vm.ipv4(b, net), b);

    List<AddressPair> pairs = vmPairs();
    List<String> ports = new ArrayList<>();
    for (String container : List.of(a, b)) {
      String address = vm.ipv4(container, net);
      Port port = BedNeutron.portWithAddress(neutron, vm.get("NET_ID"), address);
      ports.add(port.id());
      assertThat(pairs).contains(new AddressPair(address, vm.mac(container, net)));
      assertThat(port.macAddress()).isNotEqualTo(vm.mac(container, net));
    }

    // A restarted daemon finds the containers' pairs again from Neutron alone.
    daemon.restart();
    vm.docker("rm", "-f", a, b);
    containers.clear();

    assertThat(vmPairs()).containsExactly(USERS_PAIR);
    for (String port : ports) {
      assertThat(neutron.ports().find(port)).isEmpty();
    }
  }

  @Test
  void containersStartedTogetherAllKeepTheirPairs() throws Exception {
    int count = 8;
    String net = vmNetwork();
    String peer = peer("2");
    List<Future<Shell.Result>> runs = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(count)) {
      for (int i = 0; i < count; i++) {
        String name = vm.name() + "-p" + i;
        containers.add(name);
        runs.add(pool.submit(() -> vm.tryDocker(run(name, net))));
      }
    }
    for (Future<Shell.Result> run : runs) {
      assertThat(run.get().ok()).as(run.get().stderr()).isTrue();
    }

    List<AddressPair> pairs = vmPairs();
    assertThat(pairs).hasSize(count + 1).contains(USERS_PAIR);
    for (String container : containers) {
      assertThat(pairs).contains(new AddressPair(vm.ipv4(container, net), vm.mac(container, net)));
    }
    for (String container : containers) {
      assertReaches(container, peer, vm.peerAnswer("2"));
    }

    vm.removeQuietly(containers, List.of());
    containers.clear();
    assertThat(vmPairs()).containsExactly(USERS_PAIR);
  }

  @Test
  void networkOtherThanTheVmsIsRefusedWithAClearError() {
    String net = vm.name() + "-other";
    vm.docker(
        "network",
        "create",
        "-d",
        "kuryr",
        "--ipam-driver",
        "kuryr",
        "--subnet",
        vm.get("NET2_CIDR"),
        "-o",
        "neutron.net.uuid=" + vm.get("NET2_ID"),
        net);
    networks.add(net);
    String name = vm.name() + "-refused";
    containers.add(name);

    Shell.Result run = vm.tryDocker(run(name, net));

    assertThat(run.ok()).isFalse();
    assertThat(run.stderr()).contains("can only join the VM port's network");
    assertThat(vmPairs()).containsExactly(USERS_PAIR);
  }
}
