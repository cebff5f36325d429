package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/** What the user brought (network, subnet, pool, port) is used, then given back, never deleted. */
class UserResourcesTest {
  private final MappingHarness host = new MappingHarness();

  private Network userNetwork(String name) {
    return host.neutron.networks().create(NetworkRequest.builder().name(name).build());
  }

  private Subnet userSubnet(Network network, String name, String cidr) {
    return host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .name(name)
                .ipVersion(cidr.contains(":") ? 6 : 4)
                .cidr(cidr)
                .build());
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void usersNetworkNamedByOptionIsTaggedWhileUsedThenUntaggedAndKept(RemoveOrder order) {
    Network network = userNetwork("user-net");
    userSubnet(network, "user-subnet", "10.20.0.0/24");
    FakeNeutronState before = host.neutron.state();

    DockerNetwork docker =
        host.docker
            .network(dockerId("usernet"))
            .subnet("10.20.0.0/24")
            .option("neutron.net.name", "user-net")
            .create();
    assertThat(host.neutron.state().network(network.id()).orElseThrow().tags())
        .containsAll(KuryrTags.idTags(dockerId("usernet")))
        .contains(KuryrTags.existingNetworkTag(dockerId("usernet")));
    Container container = host.docker.run(docker, dockerId("ep1")).start();
    assertThat(container.address(false)).startsWith("10.20.0.");
    host.docker.stop(container);
    host.docker.remove(docker, order);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void usersSubnetNamedByIpamOptionIsUsedAndKept(RemoveOrder order) {
    Network network = userNetwork("user-net");
    Subnet subnet = userSubnet(network, "user-subnet", "10.21.0.0/24");
    FakeNeutronState before = host.neutron.state();

    DockerNetwork docker =
        host.docker
            .network(dockerId("usersubnet"))
            .subnet("10.21.0.0/24")
            .ipamOption("neutron.subnet.name", "user-subnet")
            .create();
    assertThat(docker.pool(false).poolId()).isEqualTo("subnet:" + subnet.id());
    Container container = host.docker.run(docker, dockerId("ep1")).start();
    assertThat(host.neutron.state().portWithAddress(container.address(false)).orElseThrow())
        .extracting(Port::networkId)
        .isEqualTo(network.id());
    host.docker.stop(container);
    host.docker.remove(docker, order);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void usersPoolIsCarvedFromTaggedWhileUsedAndUntaggedAfter(RemoveOrder order) {
    SubnetPool pool =
        host.neutron
            .subnetPools()
            .create(
                SubnetPoolRequest.builder()
                    .name("user-pool")
                    .prefixes(List.of("10.30.0.0/16"))
                    .defaultPrefixlen(26)
                    .build());
    FakeNeutronState before = host.neutron.state();

    DockerNetwork docker =
        host.docker
            .network(dockerId("userpool"))
            .ipamOption("neutron.pool.name", "user-pool")
            .create();
    assertThat(docker.pool(false).cidr()).isEqualTo("10.30.0.0/26");
    assertThat(host.neutron.state().subnetPool(pool.id()).orElseThrow().tags())
        .containsExactly(KuryrTags.EXISTING_SUBNETPOOL);
    Container container = host.docker.run(docker, dockerId("ep1")).start();
    host.docker.stop(container);
    host.docker.remove(docker, order);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RemoveOrder.class)
  void usersPoolWithAGivenSubnetIsKept(RemoveOrder order) {
    host.neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder()
                .name("user-pool")
                .prefixes(List.of("10.31.0.0/16"))
                .build());
    FakeNeutronState before = host.neutron.state();

    DockerNetwork docker =
        host.docker
            .network(dockerId("userpool"))
            .subnet("10.31.7.0/24")
            .ipamOption("neutron.pool.name", "user-pool")
            .create();
    Container container = host.docker.run(docker, dockerId("ep1")).start();
    host.docker.stop(container);
    host.docker.remove(docker, order);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void usersPortWithTheAskedAddressBecomesTheContainersAndIsResetNotDeleted() {
    DockerNetwork docker =
        host.docker.network(dockerId("userport")).subnet("10.40.0.0/24").create();
    Port mine = userPort(docker, "my-port", "10.40.0.50");

    Container container = host.docker.run(docker, dockerId("ep1")).ip("10.40.0.50").start();
    Port inUse = host.neutron.state().port(mine.id()).orElseThrow();
    assertThat(inUse.bindingHostId()).isEqualTo(MappingHarness.HOST);
    assertThat(inUse.deviceId()).isEqualTo(dockerId("ep1"));
    assertThat(inUse.name()).isEqualTo("my-port");
    assertThat(inUse.tags())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    Stream.of(KuryrTags.EXISTING_PORT), KuryrTags.idTags(dockerId("ep1")).stream())
                .toList());
    host.docker.stop(container);

    Port after = host.neutron.state().port(mine.id()).orElseThrow();
    assertThat(after.name()).isEqualTo("my-port");
    assertThat(after.fixedIps()).isEqualTo(mine.fixedIps());
    assertThat(after.bindingHostId()).isEmpty();
    assertThat(after.deviceId()).isEmpty();
    assertThat(after.deviceOwner()).isEmpty();
    assertThat(after.tags()).isEmpty();
    assertThat(host.neutron.state().userPorts()).containsExactly(after);
  }

  @Test
  void usersPortKeepsItsMacWhenTheEngineLeavesTheMacToThePlugin() {
    DockerNetwork docker =
        host.docker.network(dockerId("userport")).subnet("10.41.0.0/24").create();
    Port mine = userPort(docker, "my-port", "10.41.0.50");

    Container container = host.docker.run(docker, dockerId("ep1")).ip("10.41.0.50").start();

    assertThat(container.created().macAddress()).contains(mine.macAddress());
    host.docker.stop(container);
    assertThat(host.neutron.state().port(mine.id()).orElseThrow().macAddress())
        .isEqualTo(mine.macAddress());
  }

  @Test
  void addressHeldByAnotherServicesPortIsRefusedAndThatPortLeftAlone() {
    DockerNetwork docker = host.docker.network(dockerId("taken")).subnet("10.42.0.0/24").create();
    Network network = host.neutron.state().networks().getFirst();
    Port vm =
        host.neutron
            .ports()
            .create(
                PortRequest.builder()
                    .networkId(network.id())
                    .deviceOwner("compute:nova")
                    .deviceId("vm-1")
                    .fixedIps(List.of(new FixedIp(null, "10.42.0.60")))
                    .build());
    FakeNeutronState before = host.neutron.state();

    assertThatThrownBy(() -> host.docker.run(docker, dockerId("ep1")).ip("10.42.0.60").start())
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("10.42.0.60")
        .hasMessageContaining(vm.id());
    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void addressOfARunningContainerIsRefused() {
    DockerNetwork docker = host.docker.network(dockerId("taken")).subnet("10.43.0.0/24").create();
    Container first = host.docker.run(docker, dockerId("ep1")).start();
    FakeNeutronState before = host.neutron.state();

    assertThatThrownBy(
            () -> host.docker.run(docker, dockerId("ep2")).ip(first.address(false)).start())
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(first.address(false));
    assertThat(host.neutron.state()).isEqualTo(before);
  }

  private Port userPort(DockerNetwork docker, String name, String address) {
    Network network =
        host.neutron.state().networks().stream()
            .filter(n -> n.tags().containsAll(KuryrTags.idTags(docker.id())))
            .findFirst()
            .orElseThrow();
    return host.neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(network.id())
                .name(name)
                .fixedIps(List.of(new FixedIp(null, address)))
                .build());
  }
}
