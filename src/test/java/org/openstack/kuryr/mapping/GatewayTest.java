package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/** Gateways: chosen when Docker gives none, a placeholder where the subnet has none, per family. */
class GatewayTest {
  private final MappingHarness host = new MappingHarness();

  private Subnet onlySubnet() {
    return host.neutron.state().subnets().getFirst();
  }

  @Test
  void withoutGatewayOptionTheFirstHostComesBackWithThePool() {
    DockerNetwork network = host.docker.network(dockerId("gw")).subnet("10.50.0.0/24").create();

    assertThat(network.pool(false).gateway()).contains("10.50.0.1/24");
    assertThat(onlySubnet().gatewayIp()).isEqualTo("10.50.0.1");
    Container container = host.docker.run(network, dockerId("ep1")).start();
    assertThat(container.join().ipv4Gateway()).contains("10.50.0.1");
  }

  @Test
  void givenGatewayIsTheSubnetsAndTheContainers() {
    DockerNetwork network =
        host.docker.network(dockerId("gw")).subnet("10.51.0.0/24", null, "10.51.0.254").create();

    assertThat(network.pool(false).gateway()).contains("10.51.0.254/24");
    assertThat(onlySubnet().gatewayIp()).isEqualTo("10.51.0.254");
    assertThat(host.docker.run(network, dockerId("ep1")).start().join().ipv4Gateway())
        .contains("10.51.0.254");
  }

  @Test
  void gatewayOutsideTheSubnetIsRefusedAndNothingIsLeft() {
    FakeNeutronState before = host.neutron.state();

    assertThatThrownBy(
            () ->
                host.docker
                    .network(dockerId("gw"))
                    .subnet("10.52.0.0/24", null, "10.99.0.1")
                    .create())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("10.99.0.1");
    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void subnetWithoutGatewayGivesThePlaceholderAndJoinGivesNoGateway() {
    Network network = host.neutron.networks().create(NetworkRequest.builder().name("nogw").build());
    host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .name("nogw-subnet")
                .ipVersion(4)
                .cidr("10.53.0.0/24")
                .noGateway()
                .build());

    DockerNetwork docker =
        host.docker
            .network(dockerId("nogw"))
            .ipamOption("neutron.subnet.name", "nogw-subnet")
            .create();
    assertThat(docker.pool(false).gateway()).contains("0.0.0.0/0");
    Container container = host.docker.run(docker, dockerId("ep1")).start();

    assertThat(container.join().ipv4Gateway()).isEmpty();
    assertThat(onlySubnet().gatewayIp()).isNull();
  }

  @Test
  void usersNetworkWhoseSubnetHasNoGatewayGivesNoGatewayOnJoin() {
    Network network = host.neutron.networks().create(NetworkRequest.builder().name("nogw").build());
    host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .cidr("10.54.0.0/24")
                .noGateway()
                .build());

    DockerNetwork docker =
        host.docker
            .network(dockerId("nogw"))
            .subnet("10.54.0.0/24")
            .option("neutron.net.uuid", network.id())
            .create();

    assertThat(host.docker.run(docker, dockerId("ep1")).start().join().ipv4Gateway()).isEmpty();
  }

  @Test
  void gatewayAskedThatIsNotTheExistingSubnetsConflicts() {
    DockerNetwork network = host.docker.network(dockerId("gw")).subnet("10.55.0.0/24").create();

    assertThatThrownBy(
            () ->
                host.services
                    .ipam()
                    .requestAddress(
                        new AddressRequest(
                            network.pool(false).poolId(),
                            Optional.of("10.55.0.7"),
                            AddressRole.GATEWAY,
                            Optional.empty(),
                            Optional.empty())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("10.55.0.1");
  }

  @Test
  void dualStackJoinGivesEachFamilysGatewayFromThePortsSubnets() {
    DockerNetwork network =
        host.docker
            .network(dockerId("dual"))
            .subnet("10.56.0.0/24", null, "10.56.0.254")
            .subnet("fd00:56::/64")
            .create();

    Container container = host.docker.run(network, dockerId("ep1")).start();

    assertThat(container.join().ipv4Gateway()).contains("10.56.0.254");
    assertThat(container.join().ipv6Gateway()).contains("fd00:56::1");
  }

  @Test
  void joinGivesTheHostRoutesOfThePortsSubnets() {
    Network network =
        host.neutron.networks().create(NetworkRequest.builder().name("routed").build());
    host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .name("routed-subnet")
                .ipVersion(4)
                .cidr("10.57.0.0/24")
                .hostRoutes(List.of(new Subnet.HostRoute("192.168.0.0/16", "10.57.0.9")))
                .build());

    DockerNetwork docker =
        host.docker
            .network(dockerId("routed"))
            .ipamOption("neutron.subnet.name", "routed-subnet")
            .create();

    assertThat(host.docker.run(docker, dockerId("ep1")).start().join().routes())
        .containsExactly(new JoinInfo.Route("192.168.0.0/16", "10.57.0.9"));
  }
}
