package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.NetworkCommand;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.mapping.DockerEngine.RunCommand;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutron.Request;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/**
 * Neutron failing at each request of an operation, one at a time, in its own test: what the
 * operation created is undone, so Neutron looks as it did before once Docker has released what it
 * reserved. The requests are those of a run without failure, including those the daemon makes in
 * the background afterwards (deleting released ports): Docker never learns of their failures, so
 * the daemon makes them good itself, by trying again or, stopped meanwhile, at its next start.
 */
class NeutronFailureRollbackTest {

  /**
   * One Docker command and what comes before it.
   *
   * @param name for the display name
   * @param prepare brings a fresh harness to the state the command starts from
   * @param command the Docker command whose requests fail, one at a time
   */
  private record Scenario(
      String name, Consumer<MappingHarness> prepare, Consumer<MappingHarness> command) {}

  /**
   * The nth request with this method and resource fails.
   *
   * @param background whether the daemon makes it in the background, Docker not waiting for it
   */
  private record Failure(String method, String resource, int nth, boolean background) {
    @Override
    public String toString() {
      return method
          + " "
          + resource
          + " #"
          + nth
          + (background ? " in the background" : "")
          + " fails";
    }
  }

  @TestFactory
  Stream<DynamicNode> failedNetworkCreateLeavesNothingBehind() {
    return Stream.of(
            networkCreate("new network", n -> n.subnet("10.90.0.0/24"), h -> {}),
            networkCreate(
                "dual stack", n -> n.subnet("10.90.0.0/24").subnet("fd00:90::/64"), h -> {}),
            networkCreate(
                "address range", n -> n.subnet("10.90.0.0/16", "10.90.3.0/24", null), h -> {}),
            networkCreate("default pool", n -> n, NeutronFailureRollbackTest::defaultPools),
            networkCreate(
                "default pools, dual stack",
                NetworkCommand::ipv6,
                NeutronFailureRollbackTest::defaultPools),
            networkCreate(
                "user's network",
                n -> n.subnet("10.91.0.0/24").option("neutron.net.name", "users"),
                NeutronFailureRollbackTest::usersNetwork),
            networkCreate(
                "user's subnet",
                n -> n.ipamOption("neutron.subnet.name", "users-subnet"),
                NeutronFailureRollbackTest::usersNetwork),
            networkCreate(
                "user's pool",
                n -> n.subnet("10.92.1.0/24").ipamOption("neutron.pool.name", "users-pool"),
                NeutronFailureRollbackTest::usersPool),
            networkCreate(
                "user's pool, carved",
                n -> n.ipamOption("neutron.pool.name", "users-pool"),
                NeutronFailureRollbackTest::usersPool))
        .map(NeutronFailureRollbackTest::eachRequestFailing);
  }

  @TestFactory
  Stream<DynamicNode> failedContainerStartLeavesNothingBehind() {
    return Stream.of(
            containerStart("single stack", n -> n.subnet("10.93.0.0/24"), r -> r, false),
            containerStart(
                "dual stack", n -> n.subnet("10.93.0.0/24").subnet("fd00:93::/64"), r -> r, false),
            containerStart("after a restart", n -> n.subnet("10.93.0.0/24"), r -> r, true),
            containerStart(
                "given address", n -> n.subnet("10.93.0.0/24"), r -> r.ip("10.93.0.77"), false),
            containerStart("default pool", n -> n, r -> r, false),
            onAnEngineRequiringMac(
                containerStart(
                    "dual stack, engine requiring a MAC",
                    n -> n.subnet("10.93.0.0/24").subnet("fd00:93::/64"),
                    r -> r.mac("02:42:0a:5d:00:07"),
                    false)))
        .map(NeutronFailureRollbackTest::eachRequestFailing);
  }

  /**
   * Docker keeps an endpoint whose removal failed and removes it again later, at the latest as a
   * stale endpoint when it restarts: the second attempt finishes the job.
   */
  @TestFactory
  Stream<DynamicNode> failedContainerStopIsFinishedByDockersSecondAttempt() {
    return Stream.of(
            new Scenario(
                "docker stop",
                h -> h.docker.run(stopNetwork(h), dockerId("ep1")).start(),
                h -> h.docker.stop(stoppedContainer(h))))
        .flatMap(
            s ->
                Stream.of(
                    eachRequestFailingThenRetried(s, false),
                    eachRequestFailingThenRetried(s, true)));
  }

  /**
   * Docker only logs a failed ReleaseAddress and never sends it again: the port goes all the same,
   * through the background deletions that are tried again.
   */
  @Test
  void failedAddressReleaseStillDeletesThePort() {
    var host = new MappingHarness();
    DockerNetwork network = stopNetwork(host);
    FakeNeutronState before = host.neutron.state();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    host.neutron.failOn("PUT", "ports/tags", 1, 503, null);

    assertThatThrownBy(() -> host.docker.stop(container))
        .isInstanceOfSatisfying(
            KuryrException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));

    assertThat(host.settledState()).isEqualTo(before);
    assertThat(host.binder.pluggedPorts()).isEmpty();
  }

  private static Scenario networkCreate(
      String name, UnaryOperator<NetworkCommand> options, Consumer<MappingHarness> prepare) {
    return new Scenario(
        "docker network create, " + name,
        prepare,
        h -> options.apply(h.docker.network(dockerId("net"))).create());
  }

  private static Scenario containerStart(
      String name,
      UnaryOperator<NetworkCommand> options,
      UnaryOperator<RunCommand> runOptions,
      boolean restart) {
    var created = new ArrayList<DockerNetwork>();
    return new Scenario(
        "docker run, " + name,
        h -> {
          created.clear();
          created.add(options.apply(h.docker.network(dockerId("net"))).create());
          if (restart) {
            h.restartDaemon();
          }
        },
        h -> runOptions.apply(h.docker.run(created.getFirst(), dockerId("ep1"))).start());
  }

  // Such an engine sends the endpoint's MAC with the address request of each family.
  private static Scenario onAnEngineRequiringMac(Scenario scenario) {
    return new Scenario(
        scenario.name(),
        h -> {
          h.withEngineRequiringMac();
          scenario.prepare().accept(h);
        },
        scenario.command());
  }

  private static DockerNetwork stopNetwork(MappingHarness host) {
    return host.docker.network(dockerId("stop")).subnet("10.94.0.0/24").create();
  }

  // The container as Docker remembers it, rebuilt from what Neutron holds.
  private static Container stoppedContainer(MappingHarness host) {
    var pool =
        new DockerEngine.Pool(
            host.neutron.state().subnetPools().getFirst().id(),
            "10.94.0.0/24",
            Optional.of("10.94.0.1/24"));
    var network = new DockerNetwork(dockerId("stop"), List.of(pool));
    return new Container(network, dockerId("ep1"), List.of("10.94.0.3/24"), null, null);
  }

  // Kuryr keeps a default pool it created, so it must exist before, for the comparison.
  private static void defaultPools(MappingHarness host) {
    DockerNetwork warmUp = host.docker.network(dockerId("warm-up")).ipv6().create();
    host.docker.remove(warmUp, RemoveOrder.RELEASE_POOL_FIRST);
  }

  private static void usersNetwork(MappingHarness host) {
    var network = host.neutron.networks().create(NetworkRequest.builder().name("users").build());
    host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .name("users-subnet")
                .ipVersion(4)
                .cidr("10.91.0.0/24")
                .build());
    host.neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(network.id())
                .deviceOwner("compute:nova")
                .fixedIps(List.of(new FixedIp(null, "10.91.0.10")))
                .build());
  }

  private static void usersPool(MappingHarness host) {
    host.neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder()
                .name("users-pool")
                .prefixes(List.of("10.92.0.0/16"))
                .defaultPrefixlen(24)
                .build());
  }

  private static DynamicNode eachRequestFailing(Scenario scenario) {
    return DynamicContainer.dynamicContainer(
        scenario.name(),
        failures(scenario)
            .map(f -> DynamicTest.dynamicTest(f.toString(), () -> undone(scenario, f))));
  }

  private static DynamicNode eachRequestFailingThenRetried(Scenario scenario, boolean restart) {
    return DynamicContainer.dynamicContainer(
        scenario.name() + (restart ? ", again after a restart" : ", again"),
        failures(scenario)
            .map(f -> DynamicTest.dynamicTest(f.toString(), () -> retried(scenario, f, restart))));
  }

  private static Stream<Failure> failures(Scenario scenario) {
    var host = new MappingHarness();
    scenario.prepare().accept(host);
    int mark = host.neutron.requests().size();
    scenario.command().accept(host);
    host.awaitReleases();
    List<Request> log = host.neutron.requestLog();
    List<Request> requests = log.subList(mark, log.size());
    var failures = new ArrayList<Failure>();
    for (int i = 0; i < requests.size(); i++) {
      String request = requests.get(i).name();
      int nth =
          (int) requests.subList(0, i + 1).stream().filter(r -> r.name().equals(request)).count();
      String[] parts = request.split(" ", 2);
      boolean background = requests.get(i).thread() != Thread.currentThread();
      failures.add(new Failure(parts[0], parts[1], nth, background));
    }
    return failures.stream();
  }

  private static List<String> requestsSince(MappingHarness host, int mark) {
    List<String> all = host.neutron.requests();
    return all.subList(mark, all.size());
  }

  private static void undone(Scenario scenario, Failure failure) {
    if (failure.background()) {
      madeGoodInTheBackground(scenario, failure, false);
      return;
    }
    var host = new MappingHarness();
    scenario.prepare().accept(host);
    FakeNeutronState before = host.neutron.state();
    int mark = host.neutron.requests().size();
    host.neutron.failOn(failure.method(), failure.resource(), failure.nth(), 503, null);

    assertThatThrownBy(() -> scenario.command().accept(host))
        .isInstanceOfSatisfying(
            KuryrException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));

    assertThat(host.settledState()).as("requests %s", requestsSince(host, mark)).isEqualTo(before);
    assertThat(host.binder.pluggedPorts()).isEmpty();
  }

  private static void retried(Scenario scenario, Failure failure, boolean restart) {
    if (failure.background()) {
      madeGoodInTheBackground(scenario, failure, restart);
      return;
    }
    var undisturbed = new MappingHarness();
    scenario.prepare().accept(undisturbed);
    scenario.command().accept(undisturbed);
    var host = new MappingHarness();
    scenario.prepare().accept(host);
    int mark = host.neutron.requests().size();
    host.neutron.failOn(failure.method(), failure.resource(), failure.nth(), 503, null);

    assertThatThrownBy(() -> scenario.command().accept(host)).isInstanceOf(KuryrException.class);
    if (restart) {
      host.restartDaemon();
    }
    scenario.command().accept(host);

    assertThat(host.settledState())
        .as("requests %s", requestsSince(host, mark))
        .isEqualTo(undisturbed.settledState());
    assertThat(host.binder.pluggedPorts()).isEqualTo(undisturbed.binder.pluggedPorts());
  }

  /**
   * A background request fails: Docker's command succeeds all the same, and the daemon makes the
   * request again, later or, when it stops first, at its next start, until Neutron looks as after
   * an undisturbed run.
   */
  private static void madeGoodInTheBackground(Scenario scenario, Failure failure, boolean restart) {
    var undisturbed = new MappingHarness();
    scenario.prepare().accept(undisturbed);
    scenario.command().accept(undisturbed);
    var host = new MappingHarness();
    scenario.prepare().accept(host);
    int mark = host.neutron.requests().size();
    host.neutron.failOn(failure.method(), failure.resource(), failure.nth(), 503, null);

    scenario.command().accept(host);
    if (restart) {
      host.restartDaemon();
    }

    assertThat(host.settledState())
        .as("requests %s", requestsSince(host, mark))
        .isEqualTo(undisturbed.settledState());
    assertThat(requestsSince(host, mark))
        .as("the failed request and another attempt")
        .filteredOn((failure.method() + " " + failure.resource())::equals)
        .hasSizeGreaterThan(failure.nth());
    assertThat(host.binder.pluggedPorts()).isEqualTo(undisturbed.binder.pluggedPorts());
  }
}
