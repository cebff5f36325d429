package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutron;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/** Networks without {@code --subnet}: a subnet per network carved from the default pool. */
class DefaultPoolTest {
  private final MappingHarness host = new MappingHarness();

  @Test
  void eachNetworkGetsItsOwnSubnetFromTheDefaultPool() {
    DockerNetwork first = host.docker.network(dockerId("first")).create();
    DockerNetwork second = host.docker.network(dockerId("second")).create();

    assertThat(first.pool(false).cidr()).isEqualTo("10.200.0.0/24");
    assertThat(second.pool(false).cidr()).isEqualTo("10.200.1.0/24");
    FakeNeutronState state = host.neutron.state();
    assertThat(state.subnetPools()).extracting(SubnetPool::name).containsExactly("kuryr");
    assertThat(state.subnets())
        .extracting(Subnet::cidr)
        .containsExactly("10.200.0.0/24", "10.200.1.0/24");
    assertThat(state.networks())
        .extracting(Network::name)
        .containsExactly(KuryrTags.networkName(first.id()), KuryrTags.networkName(second.id()));
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void dualStackNetworkGetsBothFamiliesOnOneNetworkAndLeavesOnlyThePools(RemoveOrder order) {
    DockerNetwork network = host.docker.network(dockerId("dual")).ipv6().create();

    FakeNeutronState state = host.neutron.state();
    assertThat(state.networks()).hasSize(1);
    assertThat(state.subnets())
        .extracting(Subnet::cidr)
        .containsExactlyInAnyOrder("10.200.0.0/24", "fd00:200::/64");
    assertThat(state.subnets())
        .allMatch(s -> s.networkId().equals(state.networks().getFirst().id()));
    Container container = host.docker.run(network, dockerId("ep1")).start();
    assertThat(container.addresses()).hasSize(2);
    host.docker.stop(container);
    host.docker.remove(network, order);

    FakeNeutronState after = host.neutron.state();
    assertThat(after.networks()).isEmpty();
    assertThat(after.subnetPools()).extracting(SubnetPool::name).containsExactly("kuryr", "kuryr6");
  }

  @Test
  void defaultPoolIsNotCreatedWhenThatIsNotAllowed() {
    var strict = new MappingHarness(new FakeNeutron(), MappingHarness.settings("h", false));
    FakeNeutronState before = strict.neutron.state();

    assertThatThrownBy(() -> strict.docker.network(dockerId("n")).create())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no default subnet pool named 'kuryr'")
        .hasMessageContaining("create_default_subnetpools");
    assertThat(strict.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void usersDefaultPoolIsUsedAndKept(RemoveOrder order) {
    var strict = new MappingHarness(new FakeNeutron(), MappingHarness.settings("h", false));
    strict
        .neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder()
                .name("kuryr")
                .prefixes(List.of("10.77.0.0/16"))
                .defaultPrefixlen(28)
                .build());
    FakeNeutronState before = strict.neutron.state();

    DockerNetwork network = strict.docker.network(dockerId("n")).create();
    assertThat(network.pool(false).cidr()).isEqualTo("10.77.0.0/24");
    strict.docker.remove(network, order);

    assertThat(strict.neutron.state()).isEqualTo(before);
  }

  @Test
  void pendingNetworkCarvedForThePoolIsAdoptedByCreateNetwork() {
    PoolAllocation pool =
        host.services.ipam().requestPool(new PoolRequest("", "", Map.of(), false));
    Network pending = host.neutron.state().networks().getFirst();
    assertThat(pending.name()).isEqualTo(KuryrTags.PENDING_NETWORK_NAME);
    assertThat(pending.tags()).containsExactly(KuryrTags.PENDING);
    assertThat(pool.gateway()).contains("10.200.0.1/24");

    host.services
        .networks()
        .createNetwork(
            new NetworkSpec(
                dockerId("adopt"),
                Map.of(),
                List.of(new NetworkSpec.PoolData(pool.cidr(), pool.gateway())),
                List.of()));

    FakeNeutronState state = host.neutron.state();
    Network adopted = state.networks().getFirst();
    assertThat(state.networks()).hasSize(1);
    assertThat(adopted.id()).isEqualTo(pending.id());
    assertThat(adopted.name()).isEqualTo(KuryrTags.networkName(dockerId("adopt")));
    assertThat(adopted.tags())
        .containsExactlyInAnyOrderElementsOf(KuryrTags.createdNetworkTags(dockerId("adopt")));
    assertThat(state.subnets().getFirst().tags()).isEmpty();
  }

  @Test
  void pendingNetworkIsAdoptedAfterADaemonRestart() {
    PoolAllocation pool =
        host.services.ipam().requestPool(new PoolRequest("", "", Map.of(), false));
    String pendingId = host.neutron.state().networks().getFirst().id();

    host.restartDaemon();
    host.services
        .networks()
        .createNetwork(
            new NetworkSpec(
                dockerId("adopt"),
                Map.of(),
                List.of(new NetworkSpec.PoolData(pool.cidr(), pool.gateway())),
                List.of()));

    assertThat(host.neutron.state().networks())
        .singleElement()
        .satisfies(n -> assertThat(n.id()).isEqualTo(pendingId))
        .satisfies(n -> assertThat(n.tags()).doesNotContain(KuryrTags.PENDING));
  }

  @Test
  void pendingNetworkIsDeletedWhenDockerGivesUpBeforeCreateNetwork() {
    host.neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder()
                .name("kuryr")
                .prefixes(List.of("10.200.0.0/16"))
                .defaultPrefixlen(24)
                .build());
    FakeNeutronState before = host.neutron.state();

    PoolAllocation pool =
        host.services.ipam().requestPool(new PoolRequest("", "", Map.of(), false));
    host.services.ipam().releasePool(pool.poolId());

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void failedCreateNetworkLeavesNoPendingNetworkOnceDockerReleasesThePool() {
    host.docker.network(dockerId("warm")).create();
    FakeNeutronState before = host.neutron.state();

    assertThatThrownBy(
            () ->
                host.docker.network(dockerId("bad")).option("neutron.net.shared", "maybe").create())
        .isInstanceOf(InvalidRequestException.class);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void fullDefaultPoolIsAConflictNotNeutronBeingUnavailable() {
    var strict = new MappingHarness(new FakeNeutron(), MappingHarness.settings("h", false));
    strict
        .neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder()
                .name("kuryr")
                .prefixes(List.of("10.78.0.0/23"))
                .defaultPrefixlen(24)
                .build());
    strict.docker.network(dockerId("one")).create();
    strict.docker.network(dockerId("two")).create();
    FakeNeutronState before = strict.neutron.state();

    assertThatThrownBy(() -> strict.docker.network(dockerId("three")).create())
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("the pool is full");
    assertThat(strict.neutron.state()).isEqualTo(before);
  }
}
