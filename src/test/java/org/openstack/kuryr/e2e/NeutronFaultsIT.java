package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.e2e.FaultyNeutron.Fault;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;

/**
 * Neutron failing partway through an operation, through a proxy in front of the real Neutron:
 * Docker gets a clear error and Neutron and the host look as they did before.
 */
class NeutronFaultsIT {
  @TempDir static Path dir;
  private static FaultyNeutron proxy;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final String prefix = "kf" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    neutron = BedNeutron.client();
    proxy = new FaultyNeutron(BedNeutron.URL);
    // Without the port pool: its ports come and go in the background, and the footprint of a
    // failure is compared before and after.
    daemon = KuryrDaemon.start(dir, proxy.uri(), "[vif_pool]\nenabled = false\n");
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (neutron != null) {
      neutron.close();
    }
  }

  @AfterEach
  void clean() {
    proxy.clear();
    Docker.removeQuietly(containers, networks);
  }

  /** What kuryr creates, in Neutron and on the host, as comparable text. */
  private static TreeSet<String> footprint() {
    var all = new TreeSet<String>();
    neutron.networks().list().stream()
        .filter(n -> n.name().startsWith("kuryr-net-"))
        .forEach(n -> all.add("network " + n.id() + " " + n.tags()));
    neutron.subnets().list().stream()
        .filter(s -> s.name().startsWith("kuryr-subnet-"))
        .forEach(s -> all.add("subnet " + s.id() + " " + s.tags()));
    neutron.subnetPools().list().stream()
        .filter(p -> p.name().startsWith("kuryrPool-"))
        .forEach(p -> all.add("pool " + p.id()));
    neutron.ports().list().stream()
        .filter(NeutronFaultsIT::isContainerPort)
        .forEach(p -> all.add("port " + p.id() + " " + p.bindingHostId()));
    for (String port :
        Shell.run(java.time.Duration.ofSeconds(10), "ovs-vsctl", "list-ports", "br-int")
            .split("\n")) {
      if (port.startsWith("tap")) {
        all.add("ovs " + port);
      }
    }
    for (String link :
        Shell.run(java.time.Duration.ofSeconds(10), "ip", "-o", "link").split("\n")) {
      String name = link.split(":")[1].strip().split("@")[0];
      if (name.startsWith("tap") || name.startsWith("t_c")) {
        all.add("link " + name);
      }
    }
    return all;
  }

  private static boolean isContainerPort(Port port) {
    return port.name().equals("kuryr-unbound-port") || port.name().matches("[0-9a-f]{64}-port");
  }

  private static String subnet() {
    return "10.7"
        + ThreadLocalRandom.current().nextInt(10)
        + "."
        + ThreadLocalRandom.current().nextInt(1, 250)
        + ".0/24";
  }

  private String createNetwork(String cidr) {
    String name = prefix + "-net" + networks.size();
    networks.add(name);
    docker("network", "create", "-d", "kuryr", "--ipam-driver", "kuryr", "--subnet", cidr, name);
    return name;
  }

  private Shell.Result tryCreateNetwork(String cidr) {
    String name = prefix + "-net" + networks.size();
    networks.add(name);
    return Docker.tryDocker(
        "network", "create", "-d", "kuryr", "--ipam-driver", "kuryr", "--subnet", cidr, name);
  }

  @Test
  void subnetCreateFailingLeavesNeutronAsItWas() {
    var before = footprint();
    proxy.inject(new Fault("POST", "/v2.0/subnets", 1, 500));

    Shell.Result result = tryCreateNetwork(subnet());

    assertThat(result.ok()).isFalse();
    assertThat(result.stderr()).contains("failed to create subnet");
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void subnetPoolCreateFailingLeavesNeutronAsItWas() {
    var before = footprint();
    proxy.inject(new Fault("POST", "/v2.0/subnetpools", 1, 500));

    Shell.Result result = tryCreateNetwork(subnet());

    assertThat(result.ok()).isFalse();
    assertThat(result.stderr()).contains("subnet pool");
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void neutronUnreachableDuringNetworkCreateIsAClearErrorAndLeavesNothing() {
    var before = footprint();
    proxy.inject(new Fault("POST", "/v2.0/networks", 1, 0));

    Shell.Result result = tryCreateNetwork(subnet());

    assertThat(result.ok()).isFalse();
    assertThat(result.stderr()).contains("Neutron");
    assertThat(footprint()).isEqualTo(before);
  }

  // Creating a container's port binds it to the host in the same request.
  @Test
  void portBindFailingLeavesNoPortNoDeviceAndTheNetworkUsable() {
    String net = createNetwork(subnet());
    var before = footprint();
    proxy.inject(new Fault("POST", "^/v2.0/ports$", 1, 500));

    String name = prefix + "-c";
    containers.add(name);
    Shell.Result run =
        Docker.tryDocker("run", "-d", "--name", name, "--net", net, "busybox", "sleep", "600");

    assertThat(run.ok()).as("requests: %s", proxy.seen()).isFalse();
    assertThat(run.stderr()).contains("failed to create port");
    assertThat(footprint()).isEqualTo(before);

    proxy.clear();
    Docker.tryDocker("rm", "-f", name);
    String again = prefix + "-d";
    containers.add(again);
    docker("run", "-d", "--name", again, "--net", net, "busybox", "sleep", "600");
    assertThat(Docker.ipv4(again, net)).isNotEmpty();
  }
}
