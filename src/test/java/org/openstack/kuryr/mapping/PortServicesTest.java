package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;

/** Security groups and floating IPs of container ports, through the endpoint service. */
class PortServicesTest {
  private final ServicesFixture fixture = new ServicesFixture();
  private final FakeNeutron neutron = fixture.neutron;

  private void tagNetworkWithGroup(String groupId) {
    var tags = new ArrayList<>(KuryrTags.idTags(fixture.dockerNetworkId));
    tags.add(ServiceTags.networkGroup(fixture.dockerNetworkId, groupId));
    neutron.tags().replace(ResourceKind.NETWORK, fixture.tenant.networkId(), tags);
  }

  // ------------------------------------------------------------------ security groups

  @Test
  void plainContainerKeepsNeutronsDefaultGroupAndIsBoundInOneUpdate() {
    neutron.clearRequests();

    String endpoint = fixture.container();

    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(neutron.defaultGroup());
    // The endpoint's claim (a tag request) aside.
    assertThat(neutron.requests())
        .filteredOn(r -> r.startsWith("PUT") && !r.endsWith("/tags"))
        .containsExactly("PUT ports");
  }

  @Test
  void endpointGroupsByNameReplaceTheNetworksInTheBindingUpdate() {
    tagNetworkWithGroup(neutron.securityGroup("net-group"));
    String web = neutron.securityGroup("web");
    String ssh = neutron.securityGroup("ssh");
    neutron.clearRequests();

    String endpoint = fixture.container(Map.of(ServiceOptions.SECURITY_GROUPS, "web, ssh"));

    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(web, ssh);
    // The endpoint's claim (a tag request) aside.
    assertThat(neutron.requests())
        .filteredOn(r -> r.startsWith("PUT") && !r.endsWith("/tags"))
        .containsExactly("PUT ports");
  }

  @Test
  void networkGroupsApplyToContainersThatNameNone() {
    String group = neutron.securityGroup("net-group");
    tagNetworkWithGroup(group);
    fixture.restart(new ServiceSettings(true, List.of("fallback"), Optional.empty()));

    String endpoint = fixture.container();

    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(group);
  }

  @Test
  void configuredDefaultsApplyWhenNothingElseNamesGroupsAndAreLookedUpOnce() {
    String fallback = neutron.securityGroup("fallback");
    fixture.restart(new ServiceSettings(true, List.of("fallback"), Optional.empty()));

    String first = fixture.container();
    neutron.clearRequests();
    String second = fixture.container();

    assertThat(fixture.portOf(first).securityGroups()).containsExactly(fallback);
    assertThat(fixture.portOf(second).securityGroups()).containsExactly(fallback);
    assertThat(neutron.requests()).doesNotContain("GET security-groups");
  }

  @Test
  void groupGivenByIdIsUsedAsIs() {
    String group = neutron.securityGroup("by-id");

    String endpoint = fixture.container(Map.of(ServiceOptions.SECURITY_GROUPS, group));

    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(group);
  }

  @Test
  void unknownGroupNameFailsTheEndpointBeforeThePortIsBound() {
    assertThatThrownBy(() -> fixture.container(Map.of(ServiceOptions.SECURITY_GROUPS, "nope")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no security group 'nope'");

    assertThat(neutron.ports().list(Query.where("device_owner", KuryrTags.DEVICE_OWNER))).isEmpty();
  }

  @Test
  void ambiguousGroupNameAsksForTheId() {
    neutron.securityGroup("twice");
    neutron.securityGroup("twice");

    assertThatThrownBy(() -> fixture.container(Map.of(ServiceOptions.SECURITY_GROUPS, "twice")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("2 security groups are named 'twice'");
  }

  @Test
  void usersOwnPortKeepsItsGroups() {
    fixture.restart(new ServiceSettings(true, List.of("fallback"), Optional.empty()));
    neutron.securityGroup("fallback");
    String mine = neutron.securityGroup("mine");
    neutron.put(
        ResourceKind.PORT,
        Map.of(
            "network_id", fixture.tenant.networkId(),
            "mac_address", "fa:16:3e:12:34:56",
            "fixed_ips",
                List.of(Map.of("subnet_id", fixture.tenant.subnetId(), "ip_address", "10.5.0.99")),
            "security_groups", List.of(mine),
            "tags", new ArrayList<>(List.of(KuryrTags.EXISTING_PORT))));

    String endpoint = ServicesFixture.dockerId();
    fixture
        .endpoints()
        .createEndpoint(
            new EndpointSpec(
                fixture.dockerNetworkId,
                endpoint,
                Optional.of("10.5.0.99/24"),
                Optional.empty(),
                Optional.empty(),
                Map.of()));

    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(mine);
  }

  // ------------------------------------------------------------------ floating IPs

  private List<FloatingIp> floatingIpsOf(Port port) {
    return neutron.floatingIps().list(Query.where("port_id", port.id()));
  }

  @Test
  void autoFloatingIpIsAllocatedForTheContainerAndReleasedWithIt() {
    String endpoint = fixture.container(Map.of(ServiceOptions.FLOATING_IP, "auto"));
    Port port = fixture.portOf(endpoint);

    FloatingIp fip = floatingIpsOf(port).getFirst();
    assertThat(fip.fixedIpAddress()).isEqualTo(port.fixedIps().getFirst().ipAddress());
    assertThat(fip.floatingNetworkId()).isEqualTo(fixture.outside.externalNetworkId());

    fixture.delete(endpoint);
    assertThat(neutron.floatingIps().list()).isEmpty();
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void projectFloatingIpChosenByAddressIsOnlyDisassociatedAfterwards() {
    FloatingIp mine =
        neutron
            .floatingIps()
            .create(
                FloatingIpRequest.builder()
                    .floatingNetworkId(fixture.outside.externalNetworkId())
                    .floatingIpAddress("203.0.113.99")
                    .build());

    String endpoint = fixture.container(Map.of(ServiceOptions.FLOATING_IP, "203.0.113.99"));
    assertThat(neutron.floatingIps().get(mine.id()).portId())
        .isEqualTo(fixture.portOf(endpoint).id());

    fixture.delete(endpoint);
    FloatingIp after = neutron.floatingIps().get(mine.id());
    assertThat(after.portId()).isNull();
    assertThat(after.tags()).isEmpty();
  }

  @Test
  void addressNobodyHoldsIsAllocatedWithThatAddress() {
    String endpoint = fixture.container(Map.of(ServiceOptions.FLOATING_IP, "203.0.113.123"));

    FloatingIp fip = floatingIpsOf(fixture.portOf(endpoint)).getFirst();
    assertThat(fip.floatingIpAddress()).isEqualTo("203.0.113.123");
    assertThat(fip.tags()).contains(ServiceTags.ALLOCATED);
  }

  @Test
  void floatingIpOfAnotherPortIsAConflictAndTheEndpointIsUnplugged() {
    String first = fixture.container(Map.of(ServiceOptions.FLOATING_IP, "203.0.113.50"));

    assertThatThrownBy(() -> fixture.container(Map.of(ServiceOptions.FLOATING_IP, "203.0.113.50")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("in use by port " + fixture.portOf(first).id());
    assertThat(fixture.unplugged).hasSize(1);
  }

  @Test
  void floatingIpOptionMustBeAutoOrAnIpv4Address() {
    assertThatThrownBy(() -> fixture.container(Map.of(ServiceOptions.FLOATING_IP, "yes")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("expected 'auto' or an IPv4 address");
  }

  @Test
  void failedAssociationLeavesNoFloatingIp() {
    neutron.failNext("PUT ports/tags", FakeNeutron.unavailable());

    assertThatThrownBy(() -> fixture.container(Map.of(ServiceOptions.FLOATING_IP, "auto")));

    assertThat(neutron.floatingIps().list()).isEmpty();
  }

  @Test
  void restartedDaemonReleasesTheFloatingIpFoundByTheEndpointsTags() {
    String endpoint = fixture.container(Map.of(ServiceOptions.FLOATING_IP, "auto"));

    fixture.restart(ServiceSettings.defaults());
    fixture.delete(endpoint);

    assertThat(neutron.floatingIps().list()).isEmpty();
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void failingToClosePortsStillReleasesTheFloatingIpAndUnplugs() {
    String endpoint = fixture.container(Map.of(ServiceOptions.FLOATING_IP, "auto"));
    fixture.program(endpoint, List.of(), List.of(ServicesFixture.publish(8080, 80)));
    neutron.failNext("DELETE floatingips/port_forwardings", FakeNeutron.unavailable());

    assertThatThrownBy(() -> fixture.delete(endpoint)).hasMessageContaining("connection refused");

    assertThat(floatingIpsOf(fixture.portOf(endpoint))).isEmpty();
    assertThat(fixture.unplugged).containsExactly(fixture.portOf(endpoint).id());
  }

  @Test
  void configuredExternalNetworkMustBeTheRoutersGatewayNetwork() {
    neutron.put(ResourceKind.NETWORK, Map.of("name", "other-public", "router:external", true));
    fixture.restart(new ServiceSettings(true, List.of(), Optional.of("other-public")));

    assertThatThrownBy(() -> fixture.container(Map.of(ServiceOptions.FLOATING_IP, "auto")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no router with an external gateway on network");
  }
}
