package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.mapping.KuryrTags;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;

/**
 * Containers on kuryr networks, end to end: the real dockerd calls the packaged daemon, which
 * drives the real Neutron and plugs into the real Open vSwitch with OVN.
 */
class ContainerNetworkIT {
  @TempDir static Path dir;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final String prefix = "kt" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  @BeforeAll
  static void startDaemon() {
    neutron = BedNeutron.client();
    daemon = KuryrDaemon.start(dir, "");
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

  private String network(String... createArgs) {
    String name = prefix + "-net" + networks.size();
    var args =
        new ArrayList<>(List.of("network", "create", "-d", "kuryr", "--ipam-driver", "kuryr"));
    args.addAll(List.of(createArgs));
    args.add(name);
    docker(args.toArray(String[]::new));
    networks.add(name);
    return name;
  }

  /** A container that answers TCP on port 8080 with its name, and otherwise sleeps. */
  private String container(String network, String... runArgs) {
    String name = prefix + "-c" + containers.size();
    var args = new ArrayList<>(List.of("run", "-d", "--name", name, "--net", network));
    args.addAll(List.of(runArgs));
    args.addAll(
        List.of("busybox", "sh", "-c", "while true; do echo " + name + " | nc -l -p 8080; done"));
    docker(args.toArray(String[]::new));
    containers.add(name);
    return name;
  }

  private static String randomSubnet() {
    return "10.6"
        + ThreadLocalRandom.current().nextInt(10)
        + "."
        + ThreadLocalRandom.current().nextInt(1, 250)
        + ".0/24";
  }

  /** The container reaches the address with ping, on its first try, and over TCP. */
  private static void assertReaches(String from, String address, String expectedName) {
    docker("exec", from, "ping", "-c", "1", "-W", "3", address);
    assertThat(docker("exec", from, "nc", "-w", "3", address, "8080")).isEqualTo(expectedName);
  }

  @Test
  void twoContainersReachEachOtherThroughTheirNeutronPorts() {
    String net = network("--subnet", randomSubnet());
    String a = container(net);
    String b = container(net);

    assertReaches(a, Docker.ipv4(b, net), b);
    assertReaches(b, Docker.ipv4(a, net), a);

    Network neutronNet = BedNeutron.networkOf(neutron, Docker.networkId(net));
    for (String c : List.of(a, b)) {
      Port port = BedNeutron.portWithAddress(neutron, neutronNet.id(), Docker.ipv4(c, net));
      assertThat(BedNeutron.awaitActive(neutron, port).status()).isEqualTo("ACTIVE");
      assertThat(port.macAddress()).isEqualTo(Docker.mac(c, net));
      assertThat(port.bindingHostId()).isNotBlank();
      assertThat(port.deviceOwner()).isEqualTo("compute:kuryr");
    }
  }

  @Test
  void withDockersOwnIpamContainersGetPortsWithDockersAddressesDeletedWithThem() {
    String net = prefix + "-dockeripam";
    String cidr = randomSubnet();
    docker("network", "create", "-d", "kuryr", "--subnet", cidr, net);
    networks.add(net);
    // Neutron's own port (OVN metadata) holds the first address Docker's IPAM would hand out.
    String base = cidr.substring(0, cidr.lastIndexOf('.'));
    String a = container(net, "--ip", base + ".200");
    String b = container(net, "--ip", base + ".201");

    assertReaches(a, Docker.ipv4(b, net), b);
    Network neutronNet = BedNeutron.networkOf(neutron, Docker.networkId(net));
    for (String c : List.of(a, b)) {
      Port port = BedNeutron.portWithAddress(neutron, neutronNet.id(), Docker.ipv4(c, net));
      assertThat(port.macAddress()).isEqualTo(Docker.mac(c, net));
      assertThat(port.bindingHostId()).isNotBlank();
    }
    // No pool (none is even started): its ports could hold the addresses Docker hands out.
    assertThat(daemon.metrics().path("port_pool").propertyNames())
        .noneMatch(key -> key.startsWith(neutronNet.id()));
    assertThat(kuryrPortsOn(neutronNet)).hasSize(2);
    docker("rm", "-f", a, b);
    containers.clear();
    assertThat(kuryrPortsOn(neutronNet)).isEmpty();
  }

  private static List<Port> kuryrPortsOn(Network network) {
    return neutron
        .ports()
        .list(
            Query.builder()
                .where("network_id", network.id())
                .where("device_owner", KuryrTags.DEVICE_OWNER)
                .build());
  }

  @Test
  void networksWithoutSubnetOrGatewayGetDistinctSubnetsFromTheDefaultPool() {
    String first = network();
    String second = network();
    String a = container(first);
    String b = container(first);
    container(second);

    assertReaches(a, Docker.ipv4(b, first), b);
    Subnet one = onlySubnet(first);
    Subnet two = onlySubnet(second);
    assertThat(one.cidr()).isNotEqualTo(two.cidr());
    assertThat(one.subnetpoolId()).isEqualTo(two.subnetpoolId()).isNotNull();
    assertThat(one.gatewayIp()).isNotNull();
  }

  private Subnet onlySubnet(String dockerNetwork) {
    Network net = BedNeutron.networkOf(neutron, Docker.networkId(dockerNetwork));
    List<Subnet> subnets = BedNeutron.subnets(neutron, net.id());
    assertThat(subnets).hasSize(1);
    return subnets.getFirst();
  }

  @Test
  void dualStackContainerHasOnePortWithBothAddresses() {
    int n = ThreadLocalRandom.current().nextInt(0x100, 0xfff);
    String v6 = "fd6b:" + Integer.toHexString(n) + "::/64";
    String net = network("--ipv6", "--subnet", randomSubnet(), "--subnet", v6);
    String a = container(net);
    String b = container(net);

    assertReaches(a, Docker.ipv4(b, net), b);
    docker("exec", a, "ping", "-6", "-c", "1", "-W", "3", Docker.ipv6(b, net));

    Network neutronNet = BedNeutron.networkOf(neutron, Docker.networkId(net));
    Port port = BedNeutron.portWithAddress(neutron, neutronNet.id(), Docker.ipv4(a, net));
    assertThat(port.fixedIps())
        .extracting(FixedIp::ipAddress)
        .containsExactlyInAnyOrder(Docker.ipv4(a, net), Docker.ipv6(a, net));
    assertThat(BedNeutron.containerPorts(neutron, neutronNet.id())).hasSize(2);
  }

  @Test
  void ipv6NetworkTakesItsIpv4SubnetFromTheDefaultPool() {
    int n = ThreadLocalRandom.current().nextInt(0x100, 0xfff);
    String net = network("--ipv6", "--subnet", "fd6c:" + Integer.toHexString(n) + "::/64");
    String a = container(net);
    String b = container(net);

    docker("exec", a, "ping", "-6", "-c", "1", "-W", "3", Docker.ipv6(b, net));
    assertReaches(a, Docker.ipv4(b, net), b);
  }

  @Test
  void existingNeutronNetworkIsUsedByNameAndByUuidAndKeptAfterwards() {
    String cidr = randomSubnet();
    Network existing =
        neutron.networks().create(NetworkRequest.builder().name(prefix + "-existing").build());
    try {
      Subnet subnet =
          neutron
              .subnets()
              .create(
                  SubnetRequest.builder()
                      .networkId(existing.id())
                      .ipVersion(4)
                      .cidr(cidr)
                      .name(prefix + "-existing-subnet")
                      .build());
      String byName = network("--subnet", cidr, "-o", "neutron.net.name=" + prefix + "-existing");
      String a = container(byName);
      String b = container(byName);
      assertReaches(a, Docker.ipv4(b, byName), b);
      assertThat(BedNeutron.networkOf(neutron, Docker.networkId(byName)).id())
          .isEqualTo(existing.id());

      removeAll();
      assertUntouched(existing, subnet);

      String byUuid = network("--subnet", cidr, "-o", "neutron.net.uuid=" + existing.id());
      String c = container(byUuid);
      String d = container(byUuid);
      assertReaches(c, Docker.ipv4(d, byUuid), d);

      removeAll();
      assertUntouched(existing, subnet);
    } finally {
      neutron.networks().delete(existing.id());
    }
  }

  private void removeAll() {
    Docker.removeQuietly(containers, networks);
    containers.clear();
    networks.clear();
  }

  private void assertUntouched(Network network, Subnet subnet) {
    Network now = neutron.networks().get(network.id());
    assertThat(now.name()).isEqualTo(network.name());
    assertThat(now.tags()).isEmpty();
    Subnet subnetNow = neutron.subnets().get(subnet.id());
    assertThat(subnetNow.tags()).isEmpty();
    assertThat(BedNeutron.containerPorts(neutron, network.id())).isEmpty();
    assertThat(neutron.subnetPools().list(Query.where("name", "kuryrPool-" + subnet.cidr())))
        .isEmpty();
  }

  @Test
  void connectDisconnectStopAndRemoveLeaveNothingInNeutron() {
    String cidrOne = randomSubnet();
    String one = network("--subnet", cidrOne);
    String two = network("--subnet", randomSubnet());
    String a = container(one);
    String b = container(two);
    String dockerOne = Docker.networkId(one);
    String dockerTwo = Docker.networkId(two);

    docker("network", "connect", two, a);
    assertReaches(a, Docker.ipv4(b, two), b);
    docker("network", "disconnect", two, a);
    assertThat(BedNeutron.containerPorts(neutron, BedNeutron.networkOf(neutron, dockerTwo).id()))
        .hasSize(1);
    docker("stop", "-t", "1", a, b);
    docker("rm", a, b);
    docker("network", "rm", one, two);
    networks.clear();
    containers.clear();

    assertThat(BedNeutron.networksOf(neutron, dockerOne)).isEmpty();
    assertThat(BedNeutron.networksOf(neutron, dockerTwo)).isEmpty();
    assertThat(neutron.subnetPools().list(Query.where("name", "kuryrPool-" + cidrOne))).isEmpty();
    assertThat(neutron.networks().list(Query.where("name", KuryrTags.networkName(dockerOne))))
        .isEmpty();
  }

  /**
   * A daemon killed while it plugged a port can leave the port's OVS interface and veth behind; the
   * next start removes those of ports no container uses, and keeps the running containers' own.
   */
  @Test
  void startRemovesDevicesLeftForPortsNoContainerUses() {
    String net = network("--subnet", randomSubnet());
    String a = container(net);
    String b = container(net);
    String gonePort = UUID.randomUUID().toString();
    String leftover = "tap" + gonePort.substring(0, 11);
    Duration timeout = Duration.ofSeconds(10);
    Shell.run(
        timeout,
        "ip",
        "link",
        "add",
        leftover,
        "type",
        "veth",
        "peer",
        "name",
        "t_c" + leftover.substring(3));
    Shell.run(
        timeout,
        "ovs-vsctl",
        "add-port",
        "br-int",
        leftover,
        "--",
        "set",
        "Interface",
        leftover,
        "external_ids:owner=kuryr",
        "external_ids:iface-id=" + gonePort);

    daemon.restart();

    assertThat(Shell.exec(timeout, "ip", "link", "show", leftover).ok()).isFalse();
    assertThat(Shell.run(timeout, "ovs-vsctl", "list-ports", "br-int")).doesNotContain(leftover);
    assertReaches(a, Docker.ipv4(b, net), b);
  }

  @Test
  void daemonRestartWhileContainersRunLosesNothing() {
    String net = network("--subnet", randomSubnet());
    String a = container(net);
    String b = container(net);
    String dockerNet = Docker.networkId(net);

    daemon.restart();

    assertReaches(a, Docker.ipv4(b, net), b);
    String c = container(net);
    assertReaches(c, Docker.ipv4(a, net), a);

    daemon.kill();
    daemon.start();

    removeAll();
    assertThat(BedNeutron.networksOf(neutron, dockerNet)).isEmpty();
  }
}
