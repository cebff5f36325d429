package org.openstack.kuryr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.e2e.Docker.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.mapping.KuryrTags;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Router;
import org.openstack.kuryr.neutron.RouterRequest;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;

/**
 * Neutron's services for containers, end to end: the real dockerd calls the packaged daemon, and
 * traffic is checked between containers, from an "outside" host on the external network and from a
 * VM-like namespace on the Neutron network.
 */
class ServicesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static KuryrDaemon daemon;
  private static NeutronClient neutron;

  private final String prefix = "ks" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private final List<String> portIds = new ArrayList<>();
  private final List<String> routerIds = new ArrayList<>();
  private final List<Runnable> neutronUndo = new ArrayList<>();
  private final List<Namespace> namespaces = new ArrayList<>();

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
  void removeWhatTheTestMadeAndFindNothingLeft() {
    namespaces.forEach(Namespace::close);
    Docker.removeQuietly(containers, networks);
    try {
      assertNothingLeftOfServices();
    } finally {
      neutronUndo.reversed().forEach(Runnable::run);
    }
  }

  // ------------------------------------------------------------------ must-show behaviour

  @Test
  void exposedPortIsOpenToTheNetworkWhileOtherPortsStayClosed() {
    SecurityGroup deny = group("deny");
    String net = network("--subnet", randomSubnet(), "-o", "neutron.securitygroups=" + deny.name());
    String web = server(net, "--expose", "80");
    String client = client(net);
    String address = Docker.ipv4(web, net);

    eventually("port 80 of " + web + " answers", () -> answers(client, address, 80, web));
    assertThat(answers(client, address, 81, web)).isFalse();

    SecurityGroup exposed = exposedGroupOf(web, net);
    assertThat(exposed.securityGroupRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.direction()).isEqualTo("ingress");
              assertThat(rule.protocol()).isEqualTo("tcp");
              assertThat(rule.portRangeMin()).isEqualTo(80);
              assertThat(rule.portRangeMax()).isEqualTo(80);
            });

    docker("stop", "-t", "1", web);
    assertThat(neutron.securityGroups().find(exposed.id())).isEmpty();
    assertThat(neutron.securityGroupRules().list(Query.where("security_group_id", exposed.id())))
        .isEmpty();
  }

  @Test
  void publishedPortAnswersAtTheFloatingIpAndATakenHostPortIsAClearError() {
    Router router = router(true);
    String net = network("--subnet", randomSubnet(), "-o", "neutron.router.uuid=" + router.id());
    String web = server(net, "-p", "8080:80");
    Namespace outside = outside();

    FloatingIp fip = floatingIpOf(router);
    eventually(
        "port 8080 of " + fip.floatingIpAddress() + " answers from outside",
        () -> outsideAnswers(outside, fip.floatingIpAddress(), 8080, web + ":80"));
    assertThat(outsideAnswers(outside, fip.floatingIpAddress(), 8081, web + ":81")).isFalse();

    String second = prefix + "-dup";
    containers.add(second);
    Shell.Result taken =
        Docker.tryDocker(
            "run", "-d", "--name", second, "--net", net, "-p", "8080:80", "busybox", "sleep", "1d");
    assertThat(taken.ok()).isFalse();
    assertThat(taken.stderr())
        .contains("host port 8080/tcp of floating IP " + fip.floatingIpAddress())
        .contains("is already forwarded");

    docker("rm", "-f", web, second);
    assertThat(neutron.floatingIps().find(fip.id())).isEmpty();
  }

  @Test
  void floatingIpOfItsOwnReachesTheContainerFromOutsideAndIsReleasedAfter() {
    Router router = router(true);
    String net = network("--subnet", randomSubnet(), "-o", "neutron.router.name=" + router.name());
    String web =
        serverRunWith(
            "--network", "name=" + net + ",driver-opt=neutron.floatingip=auto", "--expose", "80");
    Namespace outside = outside();

    Port port = portOf(web, net);
    FloatingIp fip = neutron.floatingIps().list(Query.where("port_id", port.id())).getFirst();
    eventually(
        "port 80 of " + fip.floatingIpAddress() + " answers from outside",
        () -> outsideAnswers(outside, fip.floatingIpAddress(), 80, web + ":80"));

    docker("rm", "-f", web);
    assertThat(neutron.floatingIps().find(fip.id())).isEmpty();
  }

  @Test
  void securityGroupsOfTheNetworkAndOfEachContainerAreEnforced() {
    SecurityGroup deny = group("deny");
    SecurityGroup allow = group("allow80", 80);
    String net = network("--subnet", randomSubnet(), "-o", "neutron.securitygroups=" + deny.name());
    String denied = server(net);
    String byRun =
        serverRunWith(
            "--network", "name=" + net + ",driver-opt=neutron.securitygroups=" + allow.name());
    String byConnect = serverOnDockersBridge();
    docker(
        "network",
        "connect",
        "--driver-opt",
        "neutron.securitygroups=" + allow.id(),
        net,
        byConnect);
    rememberPorts(byConnect);
    String client = client(net);

    eventually(byRun + " answers on 80", () -> answers(client, Docker.ipv4(byRun, net), 80, byRun));
    eventually(
        byConnect + " answers on 80",
        () -> answers(client, Docker.ipv4(byConnect, net), 80, byConnect));
    assertThat(answers(client, Docker.ipv4(byRun, net), 81, byRun)).isFalse();
    assertThat(answers(client, Docker.ipv4(denied, net), 80, denied)).isFalse();
    assertThat(portOf(byRun, net).securityGroups()).containsExactly(allow.id());
    assertThat(portOf(denied, net).securityGroups()).containsExactly(deny.id());
  }

  @Test
  void unknownSecurityGroupFailsNetworkCreateAndConnectWithAMessageNamingIt() {
    String unknown = prefix + "-nope";
    Shell.Result create =
        Docker.tryDocker(
            "network",
            "create",
            "-d",
            "kuryr",
            "--ipam-driver",
            "kuryr",
            "--subnet",
            randomSubnet(),
            "-o",
            "neutron.securitygroups=" + unknown,
            prefix + "-bad");
    networks.add(prefix + "-bad");
    assertThat(create.ok()).isFalse();
    assertThat(create.stderr()).contains("no security group '" + unknown + "'");

    String net = network("--subnet", randomSubnet());
    String other = serverOnDockersBridge();
    Shell.Result connect =
        Docker.tryDocker(
            "network", "connect", "--driver-opt", "neutron.securitygroups=" + unknown, net, other);
    assertThat(connect.ok()).isFalse();
    assertThat(connect.stderr()).contains("no security group '" + unknown + "'");
  }

  @Test
  void vmOnTheNetworkResolvesARunningContainerByNameUntilItIsRemoved() {
    Router router = router(false);
    String subnet = randomSubnet();
    String net = network("--subnet", subnet, "-o", "neutron.router.uuid=" + router.id());
    String web = server(net);
    Network neutronNet = BedNeutron.networkOf(neutron, Docker.networkId(net));
    String gateway = subnet.replace(".0/24", ".1");
    Namespace vm = vm(neutronNet, gateway);
    String address = Docker.ipv4(web, net);

    eventually(web + " resolves", () -> resolve(vm, web, gateway).equals(Optional.of(address)));
    assertThat(resolve(vm, web + ".kuryr.test", gateway)).contains(address);

    String renamed = web + "-renamed";
    docker("rename", web, renamed);
    containers.add(renamed);
    eventually(
        renamed + " resolves", () -> resolve(vm, renamed, gateway).equals(Optional.of(address)));

    docker("rm", "-f", renamed);
    eventually(renamed + " no longer resolves", () -> resolve(vm, renamed, gateway).isEmpty());
  }

  // ------------------------------------------------------------------ Neutron fixtures

  private SecurityGroup group(String suffix, int... tcpPorts) {
    SecurityGroup group =
        neutron
            .securityGroups()
            .create(SecurityGroupRequest.builder().name(prefix + "-" + suffix).build());
    neutronUndo.add(() -> neutron.securityGroups().delete(group.id()));
    for (int port : tcpPorts) {
      neutron
          .securityGroupRules()
          .create(
              SecurityGroupRuleRequest.builder()
                  .securityGroupId(group.id())
                  .direction("ingress")
                  .ethertype("IPv4")
                  .protocol("tcp")
                  .portRange(port, port)
                  .build());
    }
    return neutron.securityGroups().get(group.id());
  }

  private Router router(boolean withGateway) {
    var request = RouterRequest.builder().name(prefix + "-r" + routerIds.size());
    if (withGateway) {
      Network external =
          neutron.networks().list(Query.where("name", "public")).stream()
              .filter(n -> Boolean.TRUE.equals(n.routerExternal()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("the bed has no external network 'public'"));
      request.externalGateway(Router.ExternalGatewayInfo.on(external.id()));
    }
    Router router = neutron.routers().create(request.build());
    routerIds.add(router.id());
    neutronUndo.add(() -> neutron.routers().delete(router.id()));
    return router;
  }

  private FloatingIp floatingIpOf(Router router) {
    List<FloatingIp> fips =
        neutron.floatingIps().list(Query.builder().where("router_id", router.id()).build());
    assertThat(fips).as("floating IPs of router " + router.id()).hasSize(1);
    assertThat(fips.getFirst().tags()).contains("kuryr.published", "kuryr.allocated");
    return fips.getFirst();
  }

  private SecurityGroup exposedGroupOf(String container, String net) {
    String name = portOf(container, net).id() + "-exposed_ports";
    List<SecurityGroup> groups = neutron.securityGroups().list(Query.where("name", name));
    assertThat(groups).as("group " + name).hasSize(1);
    return groups.getFirst();
  }

  private Port portOf(String container, String net) {
    String endpointId =
        docker(
            "inspect",
            "-f",
            "{{(index .NetworkSettings.Networks \"" + net + "\").EndpointID}}",
            container);
    // A port bound ahead of time names its endpoint in its tags.
    var tagged = Query.tagged(KuryrTags.idTags(endpointId).toArray(String[]::new));
    return neutron.ports().list(tagged).getFirst();
  }

  private void assertNothingLeftOfServices() {
    for (String routerId : routerIds) {
      assertThat(neutron.floatingIps().list(Query.where("router_id", routerId)))
          .as("floating IPs left on router " + routerId)
          .isEmpty();
    }
    for (String portId : portIds) {
      assertThat(neutron.securityGroups().list(Query.where("name", portId + "-exposed_ports")))
          .as("exposed-ports group of port " + portId)
          .isEmpty();
      assertThat(neutron.floatingIps().list(Query.where("port_id", portId)))
          .as("floating IP of port " + portId)
          .isEmpty();
    }
    for (FloatingIp fip : neutron.floatingIps().list(Query.tagged("kuryr.published"))) {
      List<PortForwarding> toOurPorts =
          neutron.portForwardings(fip.id()).list().stream()
              .filter(f -> portIds.contains(f.internalPortId()))
              .toList();
      assertThat(toOurPorts).as("forwardings of " + fip.floatingIpAddress()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ Docker fixtures

  private String network(String... createArgs) {
    String name = prefix + "-net" + networks.size();
    var args =
        new ArrayList<>(List.of("network", "create", "-d", "kuryr", "--ipam-driver", "kuryr"));
    args.addAll(List.of(createArgs));
    args.add(name);
    networks.add(name);
    docker(args.toArray(String[]::new));
    return name;
  }

  /** A container answering {@code <name>:<port>} on ports 80 and 81, on the network given. */
  private String server(String network, String... runArgs) {
    var args = new ArrayList<>(List.of("--net", network));
    args.addAll(List.of(runArgs));
    return serverRunWith(args.toArray(String[]::new));
  }

  private String serverRunWith(String... runArgs) {
    String name = prefix + "-s" + containers.size();
    var args = new ArrayList<>(List.of("run", "-d", "--name", name));
    args.addAll(List.of(runArgs));
    args.addAll(
        List.of(
            "busybox",
            "sh",
            "-c",
            "for p in 80 81; do (while true; do echo "
                + name
                + ":$p | nc -l -p $p; done) & done;"
                + " wait"));
    containers.add(name);
    docker(args.toArray(String[]::new));
    rememberPorts(name);
    return name;
  }

  // A container on Docker's own bridge, to be connected to a kuryr network afterwards.
  private String serverOnDockersBridge() {
    return serverRunWith();
  }

  private String client(String network) {
    String name = prefix + "-c" + containers.size();
    containers.add(name);
    docker("run", "-d", "--name", name, "--net", network, "busybox", "sleep", "1d");
    rememberPorts(name);
    return name;
  }

  private void rememberPorts(String container) {
    for (String net : networks) {
      Shell.Result endpoint =
          Docker.tryDocker(
              "inspect",
              "-f",
              "{{with index .NetworkSettings.Networks \"" + net + "\"}}{{.EndpointID}}{{end}}",
              container);
      String endpointId = endpoint.stdout().strip();
      if (endpoint.ok() && !endpointId.isEmpty()) {
        neutron
            .ports()
            .list(Query.where("device_id", endpointId))
            .forEach(p -> portIds.add(p.id()));
      }
    }
  }

  private static boolean answers(String client, String address, int port, String server) {
    Shell.Result result = Docker.tryDocker("exec", client, "nc", "-w", "3", address, "" + port);
    return result.stdout().strip().equals(server + ":" + port);
  }

  // ------------------------------------------------------------------ namespaces

  private Namespace outside() {
    int host = ThreadLocalRandom.current().nextInt(200, 250);
    Namespace outside = Namespace.outside(prefix + "o", "203.0.113." + host + "/24");
    namespaces.add(outside);
    return outside;
  }

  private Namespace vm(Network network, String gateway) {
    Namespace vm =
        Namespace.vm(
            prefix + "v",
            neutron,
            network.id(),
            network.mtu() == null ? 1500 : network.mtu(),
            gateway,
            24);
    namespaces.add(vm);
    return vm;
  }

  private static boolean outsideAnswers(
      Namespace namespace, String address, int port, String expected) {
    Shell.Result result = namespace.tryExec("nc", "-w", "3", address, "" + port);
    return result.stdout().strip().equals(expected);
  }

  private static final Pattern ANSWER = Pattern.compile("Name:\\s+\\S+\\s+Address:\\s+(\\S+)");

  // OVN answers queries without EDNS only; busybox's nslookup sends none.
  private static Optional<String> resolve(Namespace vm, String name, String server) {
    Shell.Result answer = vm.tryExec("busybox", "nslookup", "-type=A", name, server);
    Matcher matcher = ANSWER.matcher(answer.stdout());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  // ------------------------------------------------------------------ helpers

  private static String randomSubnet() {
    return "10.7"
        + ThreadLocalRandom.current().nextInt(10)
        + "."
        + ThreadLocalRandom.current().nextInt(1, 250)
        + ".0/24";
  }

  private static void eventually(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Namespace.pause(Duration.ofMillis(250));
    }
  }
}
