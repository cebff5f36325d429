package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/**
 * One Neutron network behind two Docker networks, as on two hosts: the second host names the first
 * one's Neutron network. It keeps its subnet and network until the last Docker network goes.
 */
class SharedNeutronNetworkTest {
  private final MappingHarness hostA = new MappingHarness();
  private final MappingHarness hostB = hostA.secondHost();

  private DockerNetwork onA() {
    return hostA.docker.network(dockerId("on-a")).subnet("10.80.0.0/24").create();
  }

  private DockerNetwork onB(Network shared) {
    return onB(shared, "10.80.0.0/24");
  }

  private DockerNetwork onB(Network shared, String cidr) {
    return hostB
        .docker
        .network(dockerId("on-b"))
        .subnet(cidr)
        .option("neutron.net.uuid", shared.id())
        .create();
  }

  private Network theNetwork() {
    return hostA.neutron.state().networks().getFirst();
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void networkOutlivesTheFirstDockerNetworkToGoWhicheverItIs(RemoveOrder order) {
    FakeNeutronState before = hostA.neutron.state();
    DockerNetwork a = onA();
    DockerNetwork b = onB(theNetwork());
    Container onHostA = hostA.docker.run(a, dockerId("ep-a")).start();
    Container onHostB = hostB.docker.run(b, dockerId("ep-b")).start();
    assertThat(hostA.neutron.state().networks()).hasSize(1);
    assertThat(hostA.neutron.state().subnets()).hasSize(1);
    assertThat(hostA.neutron.state().subnetPools()).hasSize(1);

    hostA.docker.stop(onHostA);
    hostA.docker.remove(a, order);
    FakeNeutronState whileBRemains = hostA.neutron.state();
    assertThat(whileBRemains.networks()).hasSize(1);
    assertThat(whileBRemains.subnets()).hasSize(1);
    assertThat(whileBRemains.userPorts()).hasSize(1);
    hostB.docker.stop(onHostB);
    hostB.docker.remove(b, order);

    assertThat(hostA.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void networkOutlivesTheSecondDockerNetworkWhenThatGoesFirst(RemoveOrder order) {
    FakeNeutronState before = hostA.neutron.state();
    DockerNetwork a = onA();
    DockerNetwork b = onB(theNetwork());

    hostB.docker.remove(b, order);
    assertThat(hostA.neutron.state().networks()).hasSize(1);
    assertThat(hostA.neutron.state().subnets()).hasSize(1);
    Container stillWorks = hostA.docker.run(a, dockerId("ep-a")).start();
    hostA.docker.stop(stillWorks);
    hostA.docker.remove(a, order);

    assertThat(hostA.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void usersNetworkSharedByTwoDockerNetworksIsKeptAfterBoth(RemoveOrder order) {
    Network users = hostA.neutron.networks().create(NetworkRequest.builder().name("users").build());
    FakeNeutronState before = hostA.neutron.state();
    DockerNetwork a =
        hostA
            .docker
            .network(dockerId("on-a"))
            .subnet("10.81.0.0/24")
            .option("neutron.net.uuid", users.id())
            .create();
    DockerNetwork b = onB(users, "10.81.0.0/24");
    assertThat(hostA.neutron.state().network(users.id()).orElseThrow().tags())
        .contains(KuryrTags.existingNetworkTag(a.id()), KuryrTags.existingNetworkTag(b.id()));

    hostA.docker.remove(a, order);
    assertThat(hostA.neutron.state().subnets()).hasSize(1);
    hostB.docker.remove(b, order);

    assertThat(hostA.neutron.state()).isEqualTo(before);
  }

  @Test
  void sameSubnetOnAnotherHostWithoutNamingTheNetworkConflicts() {
    onA();
    FakeNeutronState before = hostA.neutron.state();

    assertThatThrownBy(() -> hostB.docker.network(dockerId("on-b")).subnet("10.80.0.0/24").create())
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("10.80.0.0/24")
        .hasMessageContaining("already used");
    assertThat(hostA.neutron.state()).isEqualTo(before);
  }
}
