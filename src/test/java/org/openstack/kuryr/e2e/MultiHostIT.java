package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.e2e.UnderlayCapture.GenevePacket;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;

/**
 * Two Docker hosts on one Neutron network, end to end: the bed's own host and its second host (a
 * network namespace with its own OVN chassis and dockerd), each with its own kuryr daemon, their
 * containers reaching each other through Neutron's Geneve overlay and nothing else.
 */
class MultiHostIT {
  private static final int ICMP = 1;
  private static final int TCP = 6;

  @TempDir static Path dir;
  private static KuryrDaemon firstDaemon;
  private static SecondHost secondHost;
  private static KuryrDaemon secondDaemon;
  private static NeutronClient neutron;
  private static String firstHostName;

  private final String prefix = "kmh" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<String> firstContainers = new ArrayList<>();
  private final List<String> firstNetworks = new ArrayList<>();
  private final List<String> secondContainers = new ArrayList<>();
  private final List<String> secondNetworks = new ArrayList<>();

  @BeforeAll
  static void startBothHosts() {
    neutron = BedNeutron.client();
    firstHostName = Shell.run(Duration.ofSeconds(5), "hostname");
    // The first daemon takes the turn on the plugin socket; the second host is ours while it lasts.
    firstDaemon = KuryrDaemon.start(dir, "");
    secondHost = SecondHost.up();
    secondDaemon = KuryrDaemon.startOnSecondHost(dir, secondHost);
  }

  @AfterAll
  static void stopBothHosts() {
    try {
      if (secondDaemon != null) {
        secondDaemon.close();
      }
      if (secondHost != null) {
        secondHost.close();
      }
    } finally {
      if (firstDaemon != null) {
        firstDaemon.close();
      }
      if (neutron != null) {
        neutron.close();
      }
    }
  }

  @AfterEach
  void removeWhatTheTestMade() {
    secondHost.removeQuietly(secondContainers, secondNetworks);
    Docker.removeQuietly(firstContainers, firstNetworks);
  }

  // ---------------------------------------------------------------- helpers

  private String firstNetwork(String... createArgs) {
    String name = prefix + "-net" + firstNetworks.size();
    docker(createArgs(name, createArgs));
    firstNetworks.add(name);
    return name;
  }

  /** A Docker network on the second host, on the Neutron network of {@code neutronNetwork}. */
  private String secondNetwork(String cidr, String neutronNetworkName) {
    String name = prefix + "-net" + secondNetworks.size();
    secondHost.docker(
        createArgs(name, "--subnet", cidr, "-o", "neutron.net.name=" + neutronNetworkName));
    secondNetworks.add(name);
    return name;
  }

  private static String[] createArgs(String name, String... createArgs) {
    var args = new ArrayList<>(List.of("network", "create", "-d", "kuryr", "--ipam-driver"));
    args.add("kuryr");
    args.addAll(List.of(createArgs));
    args.add(name);
    return args.toArray(String[]::new);
  }

  /** A container that answers TCP on port 8080 with its name. */
  private String firstContainer(String network) {
    String name = prefix + "-a" + firstContainers.size();
    docker(runArgs(name, network));
    firstContainers.add(name);
    return name;
  }

  private String secondContainer(String network) {
    String name = prefix + "-b" + secondContainers.size();
    secondHost.docker(runArgs(name, network));
    secondContainers.add(name);
    return name;
  }

  private static String[] runArgs(String name, String network) {
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

  private static String randomSubnet() {
    return "10.7"
        + ThreadLocalRandom.current().nextInt(10)
        + "."
        + ThreadLocalRandom.current().nextInt(1, 250)
        + ".0/24";
  }

  /**
   * Ping, then TCP. The first packet to a new tunnel peer can be lost while the userspace datapath
   * resolves the underlay neighbour, so ping gets a few tries.
   */
  private static void reaches(DockerCli from, String container, String address, String name) {
    assertThat(from.run("exec", container, "ping", "-c", "3", "-W", "2", address).ok())
        .as("%s pings %s", container, address)
        .isTrue();
    assertThat(from.run("exec", container, "nc", "-w", "3", address, "8080").stdout().strip())
        .isEqualTo(name);
  }

  /** One host's docker command. */
  @FunctionalInterface
  private interface DockerCli {
    Shell.Result run(String... args);
  }

  private static final DockerCli FIRST = Docker::tryDocker;

  private DockerCli second() {
    return secondHost::tryDocker;
  }

  private static Port awaitActive(Supplier<Port> port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Port current = port.get();
    while (!current.isActive() && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(200));
      current = port.get();
    }
    return current;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Port> portsBoundTo(String networkId, String host) {
    return neutron
        .ports()
        .list(
            Query.builder().where("network_id", networkId).where("binding:host_id", host).build());
  }

  // ---------------------------------------------------------------- tests

  @Test
  void containersOnTwoHostsShareOneNeutronNetworkThroughOneGeneveEncapsulation() {
    String cidr = randomSubnet();
    String firstNet = firstNetwork("--subnet", cidr);
    Network network = BedNeutron.networkOf(neutron, Docker.networkId(firstNet));
    String secondNet = secondNetwork(cidr, network.name());
    String a = firstContainer(firstNet);
    String b = secondContainer(secondNet);
    String addressA = Docker.ipv4(a, firstNet);
    String addressB = secondHost.ipv4(b, secondNet);

    Port portA = awaitActive(() -> BedNeutron.portWithAddress(neutron, network.id(), addressA));
    Port portB = awaitActive(() -> BedNeutron.portWithAddress(neutron, network.id(), addressB));
    assertThat(portA.bindingHostId()).isEqualTo(firstHostName);
    assertThat(portB.bindingHostId()).isEqualTo(SecondHost.NAME);
    assertThat(List.of(portA, portB)).allSatisfy(p -> assertThat(p.status()).isEqualTo("ACTIVE"));
    assertThat(List.of(portA, portB))
        .allSatisfy(p -> assertThat(p.bindingVifType()).isEqualTo("ovs"));

    List<GenevePacket> packets;
    try (var capture =
        UnderlayCapture.start(SecondHost.UNDERLAY_INTERFACE, dir.resolve(prefix + ".pcap"))) {
      reaches(FIRST, a, addressB, b);
      reaches(second(), b, addressA, a);
      packets = capture.stop();
    }

    String macA = Docker.mac(a, firstNet);
    String macB = secondHost.mac(b, secondNet);
    assertThat(packets).isNotEmpty();
    assertThat(packets)
        .allSatisfy(
            p -> {
              assertThat(p.encapsulations()).isEqualTo(1);
              assertThat(p.udpPayloadIsHeaderAndFrame()).isTrue();
              assertThat(Set.of(p.outerSource(), p.outerDestination()))
                  .containsExactlyInAnyOrder(
                      SecondHost.FIRST_HOST_TUNNEL_IP, SecondHost.SECOND_HOST_TUNNEL_IP);
            });
    assertThat(packets)
        .anySatisfy(
            p -> {
              assertThat(p.inner().isIpv4Between(addressA, addressB, ICMP)).isTrue();
              assertThat(p.inner().sourceMac()).isEqualTo(macA);
              assertThat(p.inner().destinationMac()).isEqualTo(macB);
              assertThat(p.outerSource()).isEqualTo(SecondHost.FIRST_HOST_TUNNEL_IP);
            })
        .anySatisfy(
            p -> {
              assertThat(p.inner().isIpv4Between(addressB, addressA, ICMP)).isTrue();
              assertThat(p.inner().sourceMac()).isEqualTo(macB);
              assertThat(p.outerSource()).isEqualTo(SecondHost.SECOND_HOST_TUNNEL_IP);
            })
        .anySatisfy(p -> assertThat(p.inner().isIpv4Between(addressA, addressB, TCP)).isTrue())
        .anySatisfy(p -> assertThat(p.inner().isIpv4Between(addressB, addressA, TCP)).isTrue());
  }

  @Test
  void removingEverythingOnTheSecondHostLeavesTheFirstHostsContainersAndPorts() {
    String cidr = randomSubnet();
    String firstNet = firstNetwork("--subnet", cidr);
    Network network = BedNeutron.networkOf(neutron, Docker.networkId(firstNet));
    String a0 = firstContainer(firstNet);
    String a1 = firstContainer(firstNet);
    String secondNet = secondNetwork(cidr, network.name());
    String b0 = secondContainer(secondNet);
    secondContainer(secondNet);
    reaches(second(), b0, Docker.ipv4(a0, firstNet), a0);
    List<Port> firstPorts = List.of(portOf(network, a0, firstNet), portOf(network, a1, firstNet));
    // The second host's containers' ports, its port pool aside.
    assertThat(portsBoundTo(network.id(), SecondHost.NAME))
        .filteredOn(BedNeutron::usedByAContainer)
        .hasSize(2);

    secondHost.docker("rm", "-f", secondContainers.get(0), secondContainers.get(1));
    secondHost.docker("network", "rm", secondNet);

    assertThat(portsBoundTo(network.id(), SecondHost.NAME)).isEmpty();
    for (Port before : firstPorts) {
      Port after = neutron.ports().get(before.id());
      assertThat(after.status()).isEqualTo("ACTIVE");
      assertThat(after.bindingHostId()).isEqualTo(firstHostName);
      assertThat(after.deviceId()).isEqualTo(before.deviceId());
      assertThat(after.fixedIps()).isEqualTo(before.fixedIps());
      assertThat(after.macAddress()).isEqualTo(before.macAddress());
    }
    Network kept = neutron.networks().get(network.id());
    assertThat(kept.tags()).containsExactlyInAnyOrderElementsOf(network.tags());
    assertThat(BedNeutron.subnets(neutron, network.id())).hasSize(1);
    reaches(FIRST, a0, Docker.ipv4(a1, firstNet), a1);
  }

  private static Port portOf(Network network, String container, String dockerNetwork) {
    return BedNeutron.portWithAddress(neutron, network.id(), Docker.ipv4(container, dockerNetwork));
  }

  @Test
  void networkCreatedOnTheFirstHostOutlivesItThereAndGoesWithTheSecondHostsLastUse() {
    String cidr = randomSubnet();
    String firstNet = firstNetwork("--subnet", cidr);
    Network network = BedNeutron.networkOf(neutron, Docker.networkId(firstNet));
    String secondNet = secondNetwork(cidr, network.name());
    String b0 = secondContainer(secondNet);

    docker("network", "rm", firstNet);
    firstNetworks.clear();
    assertThat(neutron.networks().find(network.id())).isPresent();
    String b1 = secondContainer(secondNet);
    reaches(second(), b0, secondHost.ipv4(b1, secondNet), b1);

    secondHost.docker("rm", "-f", b0, b1);
    secondHost.docker("network", "rm", secondNet);

    assertThat(neutron.networks().find(network.id())).isEmpty();
    assertThat(neutron.subnetPools().list(Query.where("name", "kuryrPool-" + cidr))).isEmpty();
  }

  @Test
  void usersNetworkSharedByBothHostsStillServesTheFirstAfterTheSecondLeavesAndARestart() {
    String cidr = randomSubnet();
    Network users = neutron.networks().create(NetworkRequest.builder().name(prefix).build());
    try {
      Subnet subnet =
          neutron
              .subnets()
              .create(
                  SubnetRequest.builder()
                      .networkId(users.id())
                      .ipVersion(4)
                      .cidr(cidr)
                      .enableDhcp(false)
                      .name(prefix + "-subnet")
                      .build());
      String firstNet = firstNetwork("--subnet", cidr, "-o", "neutron.net.name=" + prefix);
      String secondNet = secondNetwork(cidr, prefix);
      String a0 = firstContainer(firstNet);
      String b0 = secondContainer(secondNet);
      reaches(FIRST, a0, secondHost.ipv4(b0, secondNet), b0);

      secondHost.docker("rm", "-f", b0);
      secondHost.docker("network", "rm", secondNet);
      // The first daemon forgets what it cached, and finds its pool's subnet again in Neutron.
      firstDaemon.restart();
      String a1 = firstContainer(firstNet);
      reaches(FIRST, a1, Docker.ipv4(a0, firstNet), a0);

      Docker.removeQuietly(firstContainers, firstNetworks);
      assertThat(neutron.subnets().get(subnet.id()).tags()).isEmpty();
      assertThat(neutron.networks().get(users.id()).tags()).isEmpty();
      assertThat(neutron.subnetPools().list(Query.where("name", "kuryrPool-" + cidr))).isEmpty();
    } finally {
      removeWhatTheTestMade();
      neutron.networks().delete(users.id());
    }
  }
}
