package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.ServicesFixture.publish;
import static org.openstack.kuryr.mapping.ServicesFixture.tcp;
import static org.openstack.kuryr.mapping.ServicesFixture.udp;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRule;

/**
 * Exposed and published ports through the endpoint service, in the call orders of the Docker
 * engines: up to 28 Program after Join and Revoke before Leave; Docker 29 Program again when the
 * gateway role changes and Revoke when it is lost.
 */
class ExternalConnectivityTest {
  private final ServicesFixture fixture = new ServicesFixture();
  private final FakeNeutron neutron = fixture.neutron;

  private SecurityGroup exposedGroupOf(String endpointId) {
    Port port = fixture.portOf(endpointId);
    return neutron
        .securityGroups()
        .list(Query.where("name", port.id() + "-exposed_ports"))
        .getFirst();
  }

  private List<FloatingIp> floatingIps() {
    return neutron.floatingIps().list();
  }

  private List<PortForwarding> forwardingsOf(FloatingIp fip) {
    return neutron.portForwardings(fip.id()).list();
  }

  @Test
  void plainContainerLifecycleSendsNoRequestForServices() {
    String endpoint = fixture.container();
    neutron.clearRequests();

    fixture.program(endpoint, List.of(), List.of());
    fixture.revoke(endpoint);
    fixture.delete(endpoint);

    assertThat(neutron.requests()).isEmpty();
  }

  @Test
  void exposedPortsOpenOneIngressRulePerProtocolAndMergedRange() {
    String endpoint = fixture.container();

    fixture.program(endpoint, List.of(tcp(81), tcp(80), tcp(82), tcp(443), udp(53)), List.of());

    SecurityGroup group = exposedGroupOf(endpoint);
    assertThat(group.securityGroupRules())
        .extracting(
            SecurityGroupRule::direction,
            SecurityGroupRule::protocol,
            SecurityGroupRule::portRangeMin,
            SecurityGroupRule::portRangeMax)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ingress", "tcp", 80, 82),
            org.assertj.core.groups.Tuple.tuple("ingress", "tcp", 443, 443),
            org.assertj.core.groups.Tuple.tuple("ingress", "udp", 53, 53));
    assertThat(group.tags()).containsAll(KuryrTags.idTags(endpoint));
    assertThat(fixture.portOf(endpoint).securityGroups())
        .containsExactly(neutron.defaultGroup(), group.id());
  }

  @Test
  void revokeTakesTheGroupOffThePortAndDeletesIt() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80)), List.of());

    fixture.revoke(endpoint);

    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(neutron.defaultGroup());
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void publishedPortIsForwardedFromAFloatingIpKuryrAllocates() {
    String endpoint = fixture.container();

    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));

    FloatingIp fip = floatingIps().getFirst();
    assertThat(fip.tags()).contains(ServiceTags.PUBLISHED, ServiceTags.ALLOCATED);
    assertThat(fip.floatingNetworkId()).isEqualTo(fixture.outside.externalNetworkId());
    PortForwarding forwarding = forwardingsOf(fip).getFirst();
    assertThat(forwarding.protocol()).isEqualTo("tcp");
    assertThat(forwarding.externalPort()).isEqualTo(8080);
    assertThat(forwarding.internalPort()).isEqualTo(80);
    assertThat(forwarding.internalPortId()).isEqualTo(fixture.portOf(endpoint).id());
  }

  @Test
  void containersBehindOneRouterShareTheFloatingIpAndItGoesWithTheLast() {
    String first = fixture.container();
    String second = fixture.container();
    fixture.program(first, List.of(), List.of(publish(8080, 80)));
    fixture.program(second, List.of(), List.of(publish(8081, 80)));
    assertThat(floatingIps()).hasSize(1);
    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(2);

    fixture.revoke(first);
    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(1);

    fixture.revoke(second);
    assertThat(floatingIps()).isEmpty();
  }

  @Test
  void secondContainerAskingForATakenHostPortFailsWithAConflictNamingIt() {
    String first = fixture.container();
    String second = fixture.container();
    fixture.program(first, List.of(tcp(80)), List.of(publish(8080, 80)));

    assertThatThrownBy(() -> fixture.program(second, List.of(tcp(80)), List.of(publish(8080, 80))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("host port 8080/tcp")
        .hasMessageContaining(floatingIps().getFirst().floatingIpAddress());

    assertThat(
            neutron
                .securityGroups()
                .list(Query.where("name", fixture.portOf(second).id() + "-exposed_ports")))
        .isEmpty();
    assertThat(fixture.portOf(second).securityGroups()).containsExactly(neutron.defaultGroup());
    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(1);
  }

  @Test
  void failingForwardingLeavesNoFloatingIpNoGroupAndNoMark() {
    String endpoint = fixture.container();
    neutron.failNext("POST floatingips/port_forwardings", FakeNeutron.unavailable());

    assertThatThrownBy(
            () -> fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80))))
        .hasMessageContaining("forward");

    assertThat(fixture.leftovers()).isEmpty();
    assertThat(fixture.portOf(endpoint).securityGroups()).containsExactly(neutron.defaultGroup());
  }

  @Test
  void neutronCollisionFoundOnlyWhenCreatingIsAConflictToo() {
    String endpoint = fixture.container();
    neutron.failNext(
        "POST floatingips/port_forwardings",
        FakeNeutron.badRequest("There is a port collision with the external_port_range."));

    assertThatThrownBy(() -> fixture.program(endpoint, List.of(), List.of(publish(8080, 80))))
        .isInstanceOf(ConflictException.class);
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void docker29ProgrammingAgainForAnotherGatewayRoleChangesNothing() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));
    neutron.clearRequests();

    // Docker 29 lists the same ports again, possibly in another order, once the endpoint also
    // becomes the IPv6 gateway; its IPv6 host binding duplicates the IPv4 one.
    fixture.program(
        endpoint,
        List.of(tcp(80)),
        List.of(new PublishedPort(Protocol.TCP, 80, "::", 8080, 8080), publish(8080, 80)));
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));

    assertThat(neutron.requests()).isEmpty();
  }

  @Test
  void docker29RevokeOnLosingTheGatewayThenProgramAgainReopens() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));

    fixture.revoke(endpoint);
    assertThat(fixture.leftovers()).isEmpty();

    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));
    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(1);
    assertThat(exposedGroupOf(endpoint)).isNotNull();

    fixture.delete(endpoint);
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void revokeBeforeLeaveThenDeleteEndpointClosesOnce() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));
    fixture.revoke(endpoint);
    neutron.clearRequests();

    fixture.delete(endpoint);

    assertThat(neutron.requests()).isEmpty();
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void deleteEndpointWithoutRevokeClosesEverything() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80), udp(53)), List.of(publish(8080, 80)));

    fixture.delete(endpoint);

    assertThat(fixture.leftovers()).isEmpty();
    assertThat(fixture.unplugged).hasSize(1);
  }

  @Test
  void restartedDaemonFindsWhatWasOpenedInNeutronAndClosesIt() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));

    fixture.restart(ServiceSettings.defaults());
    fixture.revoke(endpoint);

    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void restartedDaemonProgrammingAgainReplacesWhatWasOpen() {
    String endpoint = fixture.container();
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));

    fixture.restart(ServiceSettings.defaults());
    fixture.program(endpoint, List.of(tcp(80)), List.of(publish(8080, 80)));

    assertThat(floatingIps()).hasSize(1);
    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(1);
    assertThat(
            neutron
                .securityGroups()
                .list(Query.tagged(KuryrTags.idTags(endpoint).toArray(String[]::new))))
        .hasSize(1);
  }

  @Test
  void publishAllGetsFreeHostPortsFromTheEphemeralRange() {
    String endpoint = fixture.container();

    fixture.program(endpoint, List.of(), List.of(publish(0, 80), publish(0, 443)));

    assertThat(forwardingsOf(floatingIps().getFirst()))
        .extracting(PortForwarding::externalPort)
        .containsExactlyInAnyOrder(32768, 32769);
  }

  @Test
  void consecutivePortsBecomeOneRangeForwarding() {
    String endpoint = fixture.container();

    fixture.program(
        endpoint,
        List.of(),
        List.of(publish(9000, 8000), publish(9001, 8001), publish(9002, 8002)));

    PortForwarding forwarding = forwardingsOf(floatingIps().getFirst()).getFirst();
    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(1);
    assertThat(forwarding.internalPortRange()).isEqualTo("8000:8002");
    assertThat(forwarding.externalPortRange()).isEqualTo("9000:9002");
  }

  @Test
  void withoutPortRangesEachPortIsItsOwnForwarding() {
    neutron.withoutExtension("floating-ip-port-forwarding-port-ranges");
    String endpoint = fixture.container();

    fixture.program(endpoint, List.of(), List.of(publish(9000, 8000), publish(9001, 8001)));

    assertThat(forwardingsOf(floatingIps().getFirst())).hasSize(2);
  }

  @Test
  void hostAddressOfAProjectFloatingIpIsUsedAndKeptAfterwards() {
    FloatingIp mine =
        neutron
            .floatingIps()
            .create(
                FloatingIpRequest.builder()
                    .floatingNetworkId(fixture.outside.externalNetworkId())
                    .floatingIpAddress("203.0.113.77")
                    .build());
    String endpoint = fixture.container();

    fixture.program(
        endpoint, List.of(), List.of(new PublishedPort(Protocol.TCP, 80, "203.0.113.77", 80, 80)));
    assertThat(forwardingsOf(mine)).hasSize(1);

    fixture.delete(endpoint);
    FloatingIp after = neutron.floatingIps().get(mine.id());
    assertThat(forwardingsOf(after)).isEmpty();
    assertThat(after.tags()).isEmpty();
  }

  @Test
  void hostAddressThatIsNoFloatingIpIsRefusedBeforeAnythingOpens() {
    String endpoint = fixture.container();

    assertThatThrownBy(
            () ->
                fixture.program(
                    endpoint,
                    List.of(tcp(80)),
                    List.of(new PublishedPort(Protocol.TCP, 80, "127.0.0.1", 8080, 8080))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("127.0.0.1 is no floating IP");
    assertThat(fixture.leftovers()).isEmpty();
  }

  @Test
  void subnetWithoutARouterIsAClearErrorForPublishedPorts() {
    neutron
        .routers()
        .removeInterface(
            fixture.outside.routerId(),
            org.openstack.kuryr.neutron.RouterInterfaceRequest.subnet(fixture.tenant.subnetId()));
    String endpoint = fixture.container();

    assertThatThrownBy(() -> fixture.program(endpoint, List.of(), List.of(publish(8080, 80))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no router with an external gateway")
        .hasMessageContaining("neutron.router.name");
  }

  @Test
  void switchedOffConnectivityRefusesPortsButNotPlainContainers() {
    fixture.restart(new ServiceSettings(false, List.of(), java.util.Optional.empty()));
    String endpoint = fixture.container(Map.of());

    fixture.program(endpoint, List.of(), List.of());
    assertThatThrownBy(() -> fixture.program(endpoint, List.of(tcp(80)), List.of()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("process_external_connectivity");
  }
}
