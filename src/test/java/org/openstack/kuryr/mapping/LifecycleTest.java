package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/** Whole lifecycles in the orders Docker calls the plugin: Neutron ends as it began. */
class LifecycleTest {
  private final MappingHarness host = new MappingHarness();

  /** What a project holds before Kuryr comes: a network with a subnet and a pool. */
  private FakeNeutronState somethingElseInNeutron() {
    var network = host.neutron.networks().create(NetworkRequest.builder().name("vm-net").build());
    host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .cidr("192.168.7.0/24")
                .build());
    host.neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder().name("other").prefixes(List.of("172.30.0.0/16")).build());
    return host.neutron.state();
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void networkWithContainersLeavesNeutronAsItWas(RemoveOrder order) {
    FakeNeutronState before = somethingElseInNeutron();

    DockerNetwork network = host.docker.network(dockerId("web")).subnet("10.10.0.0/24").create();
    Container first = host.docker.run(network, dockerId("ep1")).start();
    Container second = host.docker.run(network, dockerId("ep2")).start();
    assertThat(host.binder.pluggedPorts()).hasSize(2);
    host.docker.stop(first);
    host.docker.stop(second);
    host.docker.remove(network, order);

    assertThat(host.neutron.state()).isEqualTo(before);
    assertThat(host.binder.pluggedPorts()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void dualStackNetworkLeavesNeutronAsItWas(RemoveOrder order) {
    FakeNeutronState before = somethingElseInNeutron();

    DockerNetwork network =
        host.docker
            .network(dockerId("dual"))
            .subnet("10.11.0.0/24")
            .subnet("fd00:11::/64")
            .create();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    host.docker.stop(container);
    host.docker.remove(network, order);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void networkFromTheDefaultPoolLeavesOnlyThePool(RemoveOrder order) {
    FakeNeutronState before = somethingElseInNeutron();

    DockerNetwork network = host.docker.network(dockerId("auto")).create();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    host.docker.stop(container);
    host.docker.remove(network, order);

    FakeNeutronState after = host.neutron.state();
    assertThat(after.networks()).isEqualTo(before.networks());
    assertThat(after.subnets()).isEqualTo(before.subnets());
    assertThat(after.ports()).isEqualTo(before.ports());
    assertThat(after.subnetPools()).hasSize(before.subnetPools().size() + 1);
    assertThat(after.subnetPools().getLast().name()).isEqualTo("kuryr");
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void networkWithAnAddressRangeLeavesNeutronAsItWas(RemoveOrder order) {
    FakeNeutronState before = host.neutron.state();

    DockerNetwork network =
        host.docker
            .network(dockerId("range"))
            .subnet("10.12.0.0/16", "10.12.5.0/24", "10.12.0.1")
            .create();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    assertThat(container.address(false)).startsWith("10.12.5.");
    host.docker.stop(container);
    host.docker.remove(network, order);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void lifecycleSpanningADaemonRestartLeavesNeutronAsItWas(RemoveOrder order) {
    FakeNeutronState before = host.neutron.state();
    DockerNetwork network =
        host.docker.network(dockerId("restart")).subnet("10.13.0.0/24").create();
    Container container = host.docker.run(network, dockerId("ep1")).start();

    host.restartDaemon();
    host.docker.stop(container);
    host.docker.remove(network, order);

    assertThat(host.neutron.state()).isEqualTo(before);
    assertThat(host.binder.pluggedPorts()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void stoppedContainersPortIsDeletedAndItsAddressFreeAgain(RemoveOrder order) {
    DockerNetwork network = host.docker.network(dockerId("reuse")).subnet("10.14.0.0/24").create();
    Container first = host.docker.run(network, dockerId("ep1")).start();
    host.docker.stop(first);

    Container second = host.docker.run(network, dockerId("ep2")).ip(first.address(false)).start();

    List<Port> ports = host.neutron.state().userPorts();
    assertThat(ports).hasSize(1);
    assertThat(ports.getFirst().tags()).containsAll(KuryrTags.idTags(dockerId("ep2")));
    host.docker.stop(second);
    host.docker.remove(network, order);
    assertThat(host.neutron.state().networks()).isEmpty();
  }
}
