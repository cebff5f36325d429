package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.error.NotReadyException;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.mapping.ExternalConnectivity.ExposedPort;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.fake.FakeNeutron;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/** Endpoints: the port bound in one update, the host side plugged, failures undone. */
class EndpointTest {
  private final MappingHarness host = new MappingHarness();
  private final DockerNetwork network =
      host.docker.network(dockerId("net")).subnet("10.70.0.0/24").create();

  private Port portOf(Container container) {
    return host.neutron.state().portWithAddress(container.address(false)).orElseThrow();
  }

  private List<String> requestsSince(int mark) {
    List<String> all = host.neutron.requests();
    return all.subList(mark, all.size());
  }

  @Test
  void portIsCreatedBoundToThisHostAndClaimedByTheEndpointsTagsWithoutAnUpdate() {
    int mark = host.neutron.requests().size();

    Container container = host.docker.run(network, dockerId("ep1")).start();

    Port port = portOf(container);
    assertThat(port.bindingHostId()).isEqualTo(MappingHarness.HOST);
    assertThat(port.deviceOwner()).isEqualTo(KuryrTags.DEVICE_OWNER);
    assertThat(port.tags()).containsAll(KuryrTags.idTags(dockerId("ep1")));
    assertThat(port.name()).isEqualTo(KuryrTags.UNBOUND_PORT_NAME);
    assertThat(port.deviceId()).isEmpty();
    assertThat(requestsSince(mark))
        .doesNotContain("PUT ports")
        .containsSubsequence("POST ports", "PUT ports/tags")
        .filteredOn("POST ports"::equals)
        .hasSize(1);
    assertThat(host.binder.plugged(port.id()).macAddress()).isEqualTo(port.macAddress());
  }

  @Test
  void portsMacIsReportedWhenDockerChoseNone() {
    Container container = host.docker.run(network, dockerId("ep1")).start();

    assertThat(container.created().macAddress()).contains(portOf(container).macAddress());
  }

  @Test
  void macTheUserGaveIsSetByUnbindingAndBindingThePortAgain() {
    int mark = host.neutron.requests().size();

    Container container =
        host.docker.run(network, dockerId("ep1")).mac("02:42:0a:46:00:09").start();

    Port port = portOf(container);
    assertThat(port.macAddress()).isEqualTo("02:42:0a:46:00:09");
    assertThat(port.bindingHostId()).isEqualTo(MappingHarness.HOST);
    assertThat(port.deviceId()).isEqualTo(dockerId("ep1"));
    assertThat(requestsSince(mark)).filteredOn("PUT ports"::equals).hasSize(2);
    assertThat(container.created().macAddress()).isEmpty();
    assertThat(host.binder.plugged(port.id()).macAddress()).isEqualTo("02:42:0a:46:00:09");
  }

  @Test
  void engineRequiringAMacGetsItsPortCreatedWithThatMacAndNoUpdate() {
    host.withEngineRequiringMac();
    int mark = host.neutron.requests().size();

    Container container =
        host.docker.run(network, dockerId("ep1")).mac("02:42:0a:46:00:0a").start();

    Port port = portOf(container);
    assertThat(port.macAddress()).isEqualTo("02:42:0a:46:00:0a");
    assertThat(port.bindingHostId()).isEqualTo(MappingHarness.HOST);
    assertThat(port.tags()).containsAll(KuryrTags.idTags(dockerId("ep1")));
    assertThat(requestsSince(mark))
        .doesNotContain("PUT ports")
        .containsSubsequence("POST ports", "PUT ports/tags")
        .filteredOn("POST ports"::equals)
        .hasSize(1);
    assertThat(container.created().macAddress()).isEmpty();
    assertThat(host.binder.plugged(port.id()).macAddress()).isEqualTo("02:42:0a:46:00:0a");
  }

  @Test
  void dualStackEndpointOfAnEngineRequiringAMacGetsOnePortWithThatMac() {
    host.withEngineRequiringMac();
    DockerNetwork dual =
        host.docker
            .network(dockerId("dual"))
            .subnet("10.75.0.0/24")
            .subnet("fd00:75::/64")
            .create();
    FakeNeutronState before = host.neutron.state();

    Container container = host.docker.run(dual, dockerId("ep1")).mac("02:42:0a:4b:00:05").start();

    assertThat(host.neutron.state().userPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.macAddress()).isEqualTo("02:42:0a:4b:00:05"))
        .satisfies(p -> assertThat(p.tags()).containsAll(KuryrTags.idTags(dockerId("ep1"))))
        .satisfies(
            p ->
                assertThat(p.fixedIps())
                    .extracting(FixedIp::ipAddress)
                    .containsExactlyInAnyOrder(container.address(false), container.address(true)));
    host.docker.stop(container);
    assertThat(host.settledState()).isEqualTo(before);
  }

  /** A port released with the MAC on another host, whose daemon has not deleted it yet. */
  private Port releasedPortWithMac(String mac) {
    Network neutronNetwork = host.neutron.state().networks().getFirst();
    Port released =
        host.neutron
            .ports()
            .create(
                PortRequest.builder()
                    .networkId(neutronNetwork.id())
                    .name(KuryrTags.UNBOUND_PORT_NAME)
                    .macAddress(mac)
                    .deviceOwner(KuryrTags.DEVICE_OWNER)
                    .bindingHostId("host-2")
                    .build());
    host.neutron.tags().replace(ResourceKind.PORT, released.id(), List.of(KuryrTags.RELEASED_PORT));
    return released;
  }

  @Test
  void macOfAReleasedPortNotYetDeletedGoesToTheNextContainerAtOnce() {
    host.withEngineRequiringMac();
    Port released = releasedPortWithMac("02:42:0a:46:00:0b");

    Container container =
        host.docker.run(network, dockerId("ep1")).mac("02:42:0a:46:00:0b").start();

    assertThat(host.neutron.state().port(released.id())).isEmpty();
    assertThat(portOf(container).macAddress()).isEqualTo("02:42:0a:46:00:0b");
  }

  @Test
  void macTheUserGivesAgainWhileItsReleasedPortIsNotYetDeletedIsFreedAtOnce() {
    Port released = releasedPortWithMac("02:42:0a:46:00:0d");

    Container container =
        host.docker.run(network, dockerId("ep1")).mac("02:42:0a:46:00:0d").start();

    assertThat(host.neutron.state().port(released.id())).isEmpty();
    assertThat(portOf(container).macAddress()).isEqualTo("02:42:0a:46:00:0d");
  }

  @Test
  void macOfARunningContainerIsRefusedAndNamesItsPort() {
    host.withEngineRequiringMac();
    Container first = host.docker.run(network, dockerId("ep1")).mac("02:42:0a:46:00:0c").start();
    FakeNeutronState before = host.settledState();

    assertThatThrownBy(
            () -> host.docker.run(network, dockerId("ep2")).mac("02:42:0a:46:00:0c").start())
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("02:42:0a:46:00:0c")
        .hasMessageContaining(portOf(first).id());
    assertThat(host.settledState()).isEqualTo(before);
  }

  @Test
  void joinNamesTheContainerDeviceAndOperationalInfoThePort() {
    Container container = host.docker.run(network, dockerId("ep1")).start();
    Port port = portOf(container);

    assertThat(container.join().interfaceName())
        .isEqualTo(host.binder.containerDeviceName(port.id()));
    assertThat(host.services.endpoints().operationalInfo(network.id(), container.endpointId()))
        .containsEntry("port_id", port.id())
        .containsEntry("status", "ACTIVE")
        .containsEntry("host_interface", host.binder.hostDeviceName(port.id()));
  }

  @Test
  void failedPlugIsReportedAndDockersReleaseDeletesThePort() {
    FakeNeutronState before = host.neutron.state();
    host.binder.failNextPlug("ovs-vsctl: no bridge br-int");

    assertThatThrownBy(() -> host.docker.run(network, dockerId("ep1")).start())
        .isInstanceOfSatisfying(
            InternalException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
        .hasMessageContaining("br-int");

    assertThat(host.settledState()).isEqualTo(before);
    assertThat(host.binder.pluggedPorts()).isEmpty();
  }

  @Test
  void portThatNeverCarriesTrafficFailsTheEndpointAndIsUnplugged() {
    var slow = new MappingHarness(new FakeNeutron(), withReadiness(Duration.ofMillis(150), true));
    DockerNetwork net = slow.docker.network(dockerId("net")).subnet("10.71.0.0/24").create();
    FakeNeutronState before = slow.neutron.state();
    slow.binder.reportDataplane(DataplaneState.NOT_OBSERVABLE);
    slow.neutron.keepPortsDown();

    assertThatThrownBy(() -> slow.docker.run(net, dockerId("ep1")).start())
        .isInstanceOfSatisfying(
            NotReadyException.class, e -> assertThat(e.httpStatus()).isEqualTo(504))
        .hasMessageContaining("not carrying traffic");

    assertThat(slow.binder.pluggedPorts()).isEmpty();
    assertThat(slow.settledState()).isEqualTo(before);
  }

  @Test
  void portNotReadyInTimeIsKeptWhenWaitingIsNotFatal() {
    var lenient =
        new MappingHarness(new FakeNeutron(), withReadiness(Duration.ofMillis(50), false));
    DockerNetwork net = lenient.docker.network(dockerId("net")).subnet("10.72.0.0/24").create();
    lenient.binder.reportDataplane(DataplaneState.NOT_READY);

    lenient.docker.run(net, dockerId("ep1")).start();

    assertThat(lenient.binder.pluggedPorts()).hasSize(1);
  }

  @Test
  void withoutAHostSignalNeutronsPortStatusIsAwaited() {
    host.binder.reportDataplane(DataplaneState.NOT_OBSERVABLE);

    Container container = host.docker.run(network, dockerId("ep1")).start();

    assertThat(host.neutron.requests()).contains("GET ports");
    assertThat(portOf(container).isActive()).isTrue();
  }

  @Test
  void failedUnplugIsReportedAndDockersNextAttemptFinishesTheStop() {
    FakeNeutronState before = host.neutron.state();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    host.binder.failNextUnplug("device busy");

    assertThatThrownBy(() -> host.docker.stop(container))
        .isInstanceOfSatisfying(
            InternalException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
        .hasMessageContaining("device busy");
    host.docker.stop(container);

    assertThat(host.binder.pluggedPorts()).isEmpty();
    assertThat(host.settledState()).isEqualTo(before);
  }

  @Test
  void zeroReadinessTimeoutDoesNotWait() {
    var eager = new MappingHarness(new FakeNeutron(), withReadiness(Duration.ZERO, true));
    DockerNetwork net = eager.docker.network(dockerId("net")).subnet("10.74.0.0/24").create();

    eager.docker.run(net, dockerId("ep1")).start();

    assertThat(eager.binder.calls()).noneMatch(c -> c.startsWith("await"));
  }

  @Test
  void openingPortsOfAnUnknownEndpointIsABadRequest() {
    var request = new ExternalConnectivity(network.id(), dockerId("nobody"), List.of(), List.of());

    assertThatThrownBy(() -> host.services.endpoints().programExternalConnectivity(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no endpoint");
  }

  @Test
  void endpointWithoutAddressIsABadRequest() {
    var spec =
        new EndpointSpec(
            network.id(),
            dockerId("ep1"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of());

    assertThatThrownBy(() -> host.services.endpoints().createEndpoint(spec))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no IPv4 or IPv6 address");
  }

  @Test
  void endpointOnANetworkKuryrDoesNotKnowIsABadRequestNotANotFound() {
    var spec =
        new EndpointSpec(
            dockerId("unknown"),
            dockerId("ep1"),
            Optional.of("10.70.0.9/24"),
            Optional.empty(),
            Optional.empty(),
            Map.of());

    assertThatThrownBy(() -> host.services.endpoints().createEndpoint(spec))
        .isInstanceOfSatisfying(
            KuryrException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    assertThatThrownBy(
            () -> host.services.endpoints().join(dockerId("unknown"), dockerId("ep1"), "/x"))
        .isInstanceOfSatisfying(
            KuryrException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
  }

  @Test
  void exposedPortsAreRefusedWhileExternalConnectivityIsOff() {
    host.services =
        MappingServices.create(
            host.neutron,
            host.binder,
            host.settings,
            new ServiceSettings(false, List.of(), Optional.empty()));
    host.docker = new DockerEngine(host.services);
    Container container = host.docker.run(network, dockerId("ep1")).start();
    var exposed =
        new ExternalConnectivity(
            network.id(),
            container.endpointId(),
            List.of(new ExposedPort(Protocol.TCP, 80)),
            List.of());

    assertThatThrownBy(() -> host.services.endpoints().programExternalConnectivity(exposed))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("process_external_connectivity");
  }

  @Test
  void createEndpointAgainForTheSameEndpointChangesNothing() {
    Container container = host.docker.run(network, dockerId("ep1")).start();
    FakeNeutronState before = host.neutron.state();
    var spec =
        new EndpointSpec(
            network.id(),
            container.endpointId(),
            Optional.of(container.addresses().getFirst()),
            Optional.empty(),
            Optional.empty(),
            Map.of());

    host.services.endpoints().createEndpoint(spec);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void networkDriverWithDockersOwnIpamLeavesNeutronAsItWas() {
    FakeNeutronState before = host.neutron.state();
    String networkId = dockerId("plain");
    host.services
        .networks()
        .createNetwork(
            new NetworkSpec(
                networkId,
                Map.of(),
                List.of(new NetworkSpec.PoolData("172.18.0.0/16", Optional.of("172.18.0.1/16"))),
                List.of()));
    var spec =
        new EndpointSpec(
            networkId,
            dockerId("ep1"),
            Optional.of("172.18.0.5/16"),
            Optional.empty(),
            Optional.of("02:42:ac:12:00:05"),
            Map.of());

    host.services.endpoints().createEndpoint(spec);
    host.services.endpoints().join(networkId, dockerId("ep1"), "/x");
    host.services.endpoints().leave(networkId, dockerId("ep1"));
    host.services.endpoints().deleteEndpoint(networkId, dockerId("ep1"));
    host.services.networks().deleteNetwork(networkId);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void portCreatedForDockersOwnIpamIsDeletedWhenPluggingFails() {
    String networkId = dockerId("plain");
    host.services.networks().createNetwork(plainNetwork(networkId));
    FakeNeutronState before = host.neutron.state();
    host.binder.failNextPlug("no br-int");

    assertThatThrownBy(
            () -> host.services.endpoints().createEndpoint(plainEndpoint(networkId, "172.18.0.5")))
        .isInstanceOf(InternalException.class);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void addressOfNeutronsOwnPortIsRefusedWithDockersOwnIpam() {
    String networkId = dockerId("plain");
    host.services.networks().createNetwork(plainNetwork(networkId));
    FakeNeutronState before = host.neutron.state();
    Port metadata =
        before.ports().stream()
            .filter(p -> p.deviceOwner().equals("network:distributed"))
            .filter(p -> p.fixedIps().getFirst().ipAddress().startsWith("172.18."))
            .findFirst()
            .orElseThrow();
    String taken = metadata.fixedIps().getFirst().ipAddress();

    assertThatThrownBy(
            () -> host.services.endpoints().createEndpoint(plainEndpoint(networkId, taken)))
        .isInstanceOfSatisfying(
            KuryrException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining(taken)
        .hasMessageContaining(metadata.id());
    assertThat(host.neutron.state()).isEqualTo(before);
  }

  private static NetworkSpec plainNetwork(String networkId) {
    return new NetworkSpec(
        networkId,
        Map.of(),
        List.of(new NetworkSpec.PoolData("172.18.0.0/16", Optional.of("172.18.0.1/16"))),
        List.of());
  }

  private static EndpointSpec plainEndpoint(String networkId, String address) {
    return new EndpointSpec(
        networkId,
        dockerId("ep1"),
        Optional.of(address + "/16"),
        Optional.empty(),
        Optional.of("02:42:ac:12:00:05"),
        Map.of());
  }

  @Test
  void dualStackContainerGetsOnePortWithBothAddresses() {
    DockerNetwork dual =
        host.docker
            .network(dockerId("dual"))
            .subnet("10.73.0.0/24")
            .subnet("fd00:73::/64")
            .create();

    Container container = host.docker.run(dual, dockerId("ep1")).start();

    List<Port> ports =
        host.neutron.state().userPorts().stream()
            .filter(p -> p.tags().containsAll(KuryrTags.idTags(dockerId("ep1"))))
            .toList();
    assertThat(ports).singleElement().satisfies(p -> assertThat(p.fixedIps()).hasSize(2));
    assertThat(host.neutron.state().userPorts()).hasSize(1);
    assertThat(container.address(true)).startsWith("fd00:73::");
    host.docker.stop(container);
    host.docker.remove(dual, RemoveOrder.RELEASE_POOL_FIRST);
    assertThat(host.neutron.state().userPorts()).isEmpty();
  }

  private static MappingSettings withReadiness(Duration timeout, boolean fatal) {
    MappingSettings base = MappingHarness.settings(MappingHarness.HOST, true);
    return new MappingSettings(
        base.hostId(),
        base.subnetPoolNamePrefix(),
        base.enableDhcp(),
        base.ipv4DefaultPool(),
        base.ipv6DefaultPool(),
        timeout,
        fatal,
        MappingSettings.PortPool.DISABLED);
  }
}
