package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;

/** Docker networks that ask for security groups and a router. */
class ServiceNetworksTest {
  private final ServicesFixture fixture = new ServicesFixture();
  private final FakeNeutron neutron = fixture.neutron;
  private final String dockerId = ServicesFixture.dockerId();

  private void create(Map<String, String> options) {
    fixture
        .networks()
        .createNetwork(
            new NetworkSpec(
                dockerId,
                options,
                List.of(new NetworkSpec.PoolData("10.9.0.0/24", Optional.of("10.9.0.1/24"))),
                List.of()));
  }

  private List<Network> networksOfDocker() {
    return neutron.networks().list(Query.tagged(KuryrTags.idTags(dockerId).toArray(String[]::new)));
  }

  private List<Port> routerPorts() {
    return neutron.ports().list(Query.where("device_owner", "network:router_interface"));
  }

  @Test
  void unknownGroupFailsNetworkCreationNamingItBeforeAnythingIsCreated() {
    neutron.securityGroup("web");
    int networksBefore = neutron.rows(ResourceKind.NETWORK).size();

    assertThatThrownBy(() -> create(Map.of(ServiceOptions.SECURITY_GROUPS, "web,nope")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no security group 'nope'");

    assertThat(neutron.rows(ResourceKind.NETWORK)).hasSize(networksBefore);
    assertThat(neutron.rows(ResourceKind.SUBNET)).hasSize(1);
  }

  @Test
  void networkGroupsAreKeptAsTagsForItsContainers() {
    String web = neutron.securityGroup("web");

    create(Map.of(ServiceOptions.SECURITY_GROUPS, "web"));

    assertThat(networksOfDocker().getFirst().tags())
        .contains(ServiceTags.networkGroup(dockerId, web));
  }

  @Test
  void plainNetworkCostsNoRequestForServices() {
    neutron.clearRequests();
    create(Map.of());
    List<String> plain = neutron.requests();
    neutron.clearRequests();
    fixture.networks().deleteNetwork(dockerId);
    List<String> plainDelete = neutron.requests();

    assertThat(plain).doesNotContain("GET security-groups", "GET routers", "PUT networks/tags");
    assertThat(plainDelete).doesNotContain("PUT routers/remove_router_interface");
    // One listing of ports is the network's own: the leftovers of this host's containers.
    assertThat(plainDelete).filteredOn("GET ports"::equals).hasSize(1);
  }

  @Test
  void routerOptionAttachesTheSubnetsAndDeletionDetachesThem() {
    String router = neutron.put(ResourceKind.ROUTER, Map.of("name", "edge"));

    create(Map.of("neutron.router.name", "edge"));

    Port routerPort =
        routerPorts().stream().filter(p -> p.deviceId().equals(router)).findFirst().orElseThrow();
    assertThat(routerPort.tags()).containsExactly(ServiceTags.routerInterface(dockerId));

    fixture.networks().deleteNetwork(dockerId);

    assertThat(routerPorts()).noneMatch(p -> p.deviceId().equals(router));
    assertThat(networksOfDocker()).isEmpty();
  }

  @Test
  void subnetWithARouterAlreadyIsLeftAsItIs() {
    String router = neutron.put(ResourceKind.ROUTER, Map.of("name", "edge"));
    fixture
        .networks()
        .createNetwork(
            new NetworkSpec(
                dockerId,
                Map.of(
                    "neutron.net.uuid", fixture.tenant.networkId(), "neutron.router.uuid", router),
                List.of(new NetworkSpec.PoolData("10.5.0.0/24", Optional.of("10.5.0.1/24"))),
                List.of()));

    assertThat(routerPorts()).noneMatch(p -> p.deviceId().equals(router));
  }

  @Test
  void existingNetworkIsUntaggedAgainOnDelete() {
    String web = neutron.securityGroup("web");
    String router = neutron.put(ResourceKind.ROUTER, Map.of("name", "edge"));
    String existing = neutron.put(ResourceKind.NETWORK, Map.of("name", "users-network"));
    neutron.put(
        ResourceKind.SUBNET,
        Map.of(
            "network_id",
            existing,
            "cidr",
            "10.9.0.0/24",
            "gateway_ip",
            "10.9.0.1",
            "ip_version",
            4,
            "name",
            "users-subnet"));

    create(
        Map.of(
            "neutron.net.uuid",
            existing,
            ServiceOptions.SECURITY_GROUPS,
            web,
            "neutron.router.uuid",
            router));
    assertThat(routerPorts()).anyMatch(p -> p.deviceId().equals(router));
    fixture.networks().deleteNetwork(dockerId);

    assertThat(neutron.networks().get(existing).tags()).isEmpty();
    assertThat(routerPorts()).noneMatch(p -> p.deviceId().equals(router));
  }

  @Test
  void unknownRouterFailsBeforeAnythingIsCreated() {
    int networksBefore = neutron.rows(ResourceKind.NETWORK).size();

    assertThatThrownBy(() -> create(Map.of("neutron.router.name", "nowhere")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("nowhere");

    assertThat(neutron.rows(ResourceKind.NETWORK)).hasSize(networksBefore);
  }

  @Test
  void failureAfterTheNetworkWasCreatedDeletesItAgain() {
    neutron.securityGroup("web");
    String router = neutron.put(ResourceKind.ROUTER, Map.of("name", "edge"));
    neutron.failNext("PUT routers/add_router_interface", FakeNeutron.unavailable());

    assertThatThrownBy(
        () -> create(Map.of(ServiceOptions.SECURITY_GROUPS, "web", "neutron.router.uuid", router)));

    assertThat(networksOfDocker()).isEmpty();
    assertThat(neutron.rows(ResourceKind.SUBNET)).hasSize(1);
  }
}
