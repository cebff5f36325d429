package org.openstack.kuryr.neutron.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;

/**
 * What only the fake does: predictable addresses, request counting and failures on demand. What it
 * shares with the real Neutron is in {@link NeutronContract}.
 */
class FakeNeutronTest {
  private final FakeNeutron neutron = new FakeNeutron();

  private Network network() {
    return neutron.networks().create(NetworkRequest.builder().name("n").build());
  }

  private Subnet subnet(Network network, String cidr) {
    return neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(cidr.contains(":") ? 6 : 4)
                .cidr(cidr)
                .build());
  }

  private Port port(Network network, FixedIp... fixedIps) {
    return neutron
        .ports()
        .create(PortRequest.builder().networkId(network.id()).fixedIps(List.of(fixedIps)).build());
  }

  @Test
  void portsGetTheFirstFreeAddressesAfterTheMetadataPorts() {
    Network network = network();
    Subnet subnet = subnet(network, "10.0.0.0/24");

    Port first = port(network, FixedIp.onSubnet(subnet.id()));
    Port second = port(network, FixedIp.onSubnet(subnet.id()));

    // .2 is the OVN metadata port's.
    assertThat(first.fixedIps()).containsExactly(FixedIp.of(subnet.id(), "10.0.0.3"));
    assertThat(second.fixedIps()).containsExactly(FixedIp.of(subnet.id(), "10.0.0.4"));
    assertThat(first.macAddress())
        .matches("fa:16:3e(:[0-9a-f]{2}){3}")
        .isNotEqualTo(second.macAddress());
  }

  @Test
  void createWithTagsCostsTwoRequestsAndIsUndoneWhenTaggingFails() {
    neutron.failOn("PUT", "networks/tags", 1, 500, null);

    assertThatThrownBy(
            () ->
                neutron
                    .networks()
                    .create(NetworkRequest.builder().name("n").tags(List.of("t")).build()))
        .isInstanceOf(NeutronException.Unavailable.class)
        .hasMessageContaining("set tags of network");
    assertThat(neutron.requests())
        .containsExactly("POST networks", "PUT networks/tags", "DELETE networks");
    assertThat(neutron.requestCounters().network()).isEqualTo(3);
    assertThat(neutron.state().networks()).isEmpty();
  }

  @Test
  void injectedFailureHitsTheNthMatchingRequestOnceAndChangesNothing() {
    neutron.failOn("POST", "networks", 2, 409, "Whatever");
    network();

    assertThatThrownBy(this::network)
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.getMessage()).startsWith("failed to create network: "));
    network();
    assertThat(neutron.state().networks()).hasSize(2);
  }

  @Test
  void clearedRequestsAreForgottenButStayCounted() {
    Subnet subnet = neutron.createNetworkWithSubnet("10.1.0.0/24", List.of("t"));

    neutron.clearRequests();
    port(neutron.state().network(subnet.networkId()).orElseThrow());

    assertThat(neutron.requests()).containsExactly("POST ports");
    assertThat(neutron.requestCounters().network()).isEqualTo(4);
  }

  @Test
  void actionBeforeARequestRunsFirstAndOnlyAsOftenAsAsked() {
    Network network = network();
    neutron.beforeRequest(
        "PUT", "networks", 1, () -> neutron.networks().update(network.id(), rename("theirs")));

    Network ours = neutron.networks().update(network.id(), rename("ours"));
    neutron.networks().update(network.id(), rename("ours again"));

    assertThat(ours.name()).isEqualTo("ours");
    assertThat(neutron.requests())
        .containsExactly("POST networks", "PUT networks", "PUT networks", "PUT networks");
  }

  @Test
  void actionThatThrowsFailsTheRequestWhichIsNotMade() {
    Network network = network();
    neutron.beforeRequest(
        "PUT",
        "networks",
        1,
        () -> {
          throw new IllegalStateException("answer lost");
        });

    assertThatThrownBy(() -> neutron.networks().update(network.id(), rename("x")))
        .hasMessage("answer lost");
    assertThat(neutron.requests()).containsExactly("POST networks");
    assertThat(neutron.state().network(network.id()).orElseThrow().name()).isEqualTo("n");
  }

  @Test
  void statesDifferingInRevisionsOnlyAreEqual() {
    Network network = network();
    var before = neutron.state();

    neutron.networks().update(network.id(), rename("other"));
    neutron.networks().update(network.id(), rename("n"));

    assertThat(neutron.state()).isEqualTo(before).hasSameHashCodeAs(before);
    assertThat(neutron.state().networks().getFirst().revisionNumber())
        .isEqualTo(network.revisionNumber() + 2);
  }

  private static NetworkRequest rename(String name) {
    return NetworkRequest.builder().name(name).build();
  }

  @Test
  void withdrawnExtensionIsNoLongerAnnouncedAndOnlyTheCallersReadsCount() {
    neutron.withoutExtension(Capabilities.DNS_INTEGRATION);
    network();

    assertThat(neutron.capabilities().dnsIntegration()).isFalse();
    assertThat(neutron.capabilities().tags()).isTrue();
    assertThat(neutron.capabilityReads()).isEqualTo(2);
  }

  @Test
  void unknownAttributesAreRefusedLikeNeutronDoes() {
    var request = NetworkRequest.builder().attribute("colour", "red").build();

    assertThatThrownBy(() -> neutron.networks().create(request))
        .isInstanceOf(NeutronException.BadRequest.class)
        .hasMessageContaining("colour");
    assertThat(neutron.state()).isEqualTo(new FakeNeutron().state());
  }
}
