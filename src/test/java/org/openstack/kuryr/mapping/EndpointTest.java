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
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.error.NotReadyException;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.mapping.ExternalConnectivity.ExposedPort;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.neutron.Port;
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

  @Test
  void portIsBoundToThisHostWithItsDeviceAndDockersMacInOneUpdate() {
    int mark = host.neutron.requests().size();
    Container container =
        host.docker.run(network, dockerId("ep1")).mac(Optional.of("02:42:0a:46:00:09")).start();

    Port port = portOf(container);
    assertThat(port.bindingHostId()).isEqualTo(MappingHarness.HOST);
    assertThat(port.deviceOwner()).isEqualTo(KuryrTags.DEVICE_OWNER);
    assertThat(port.deviceId()).isEqualTo(dockerId("ep1"));
    assertThat(port.name()).isEqualTo(KuryrTags.portName(dockerId("ep1")));
    assertThat(port.macAddress()).isEqualTo("02:42:0a:46:00:09");
    assertThat(host.neutron.requests().subList(mark, host.neutron.requests().size()))
        .filteredOn(r -> r.equals("PUT ports"))
        .hasSize(1);
    assertThat(container.created().macAddress()).isEmpty();
    assertThat(host.binder.plugged(port.id()).macAddress()).isEqualTo("02:42:0a:46:00:09");
  }

  @Test
  void portsMacIsReportedWhenDockerChoseNone() {
    Container container = host.docker.run(network, dockerId("ep1")).mac(Optional.empty()).start();

    assertThat(container.created().macAddress()).contains(portOf(container).macAddress());
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

    assertThat(host.neutron.state()).isEqualTo(before);
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
    assertThat(slow.neutron.state()).isEqualTo(before);
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
    assertThat(host.neutron.state()).isEqualTo(before);
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
            .filter(p -> p.deviceId().equals(dockerId("ep1")))
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
