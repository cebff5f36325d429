package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.NestedFixtures.DOCKER_MAC;
import static org.openstack.kuryr.mapping.NestedFixtures.endpoint;
import static org.openstack.kuryr.mapping.NestedFixtures.view;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.NotReadyException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class TrunkSubportAttachmentTest {
  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final NestedBinderFake binder = new NestedBinderFake();
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final String trunkId = nested.trunk(vmPort.id());
  private final Port reserved = nested.reservedPort(nested.otherSubnet, "10.1.0.11");
  private final EndpointSpec spec = endpoint(1, "10.1.0.11", Optional.of(DOCKER_MAC));
  private PortServices services = PortServices.NONE;

  private TrunkSubportAttachment attachment(Duration readyTimeout) {
    return new TrunkSubportAttachment(
        neutron,
        binder,
        new VmTrunk(neutron, vmPort.id()),
        new PortReadiness(neutron, binder, readyTimeout, true),
        services);
  }

  private EndpointState attach(TrunkSubportAttachment attachment) {
    return attachment.attach(
        reserved, reserved.fixedIps(), view(nested.otherSubnet.networkId()), spec);
  }

  @Test
  void portGetsDockersMacThenJoinsTheTrunkThenGetsItsDevice() {
    EndpointState state = attach(attachment(Duration.ofSeconds(5)));

    Port port = nested.port(reserved.id());
    assertThat(port.macAddress()).isEqualTo(DOCKER_MAC);
    assertThat(port.deviceId()).isEqualTo(spec.endpointId());
    assertThat(port.name()).isEqualTo(KuryrTags.portName(spec.endpointId()));
    // Bound by the trunk, to the VM's host, as OVN binds subports (a moment later in real Neutron);
    // Kuryr binds nothing itself.
    assertThat(port.bindingHostId()).isEqualTo(vmPort.bindingHostId());
    assertThat(nested.subports(trunkId)).containsExactly(SubPort.vlan(reserved.id(), 1));
    assertThat(neutron.requests())
        .containsSubsequence("PUT ports", "PUT trunks/add_subports", "PUT ports", "GET ports");
    assertThat(state.bound().segmentationId()).isEqualTo(1);
    assertThat(state.bound().macAddress()).isEqualTo(DOCKER_MAC);
    assertThat(binder.plugged()).containsOnlyKeys(reserved.id());
  }

  @Test
  void securityGroupsOfThePortServicesGoIntoTheUpdateBeforeTrunking() {
    services =
        new PortServices() {
          @Override
          public void addToBinding(
              org.openstack.kuryr.neutron.PortRequest.Builder binding,
              Port port,
              NetworkView view,
              EndpointSpec spec) {
            binding.securityGroups(java.util.List.of("sg-web"));
          }

          @Override
          public void attached(EndpointState endpoint, EndpointSpec spec) {}

          @Override
          public void detaching(EndpointState endpoint) {}
        };

    attach(attachment(Duration.ofSeconds(5)));

    assertThat(nested.port(reserved.id()).securityGroups()).containsExactly("sg-web");
    assertThat(neutron.requests()).containsSubsequence("PUT ports", "PUT trunks/add_subports");
  }

  @Test
  void secondContainerGetsTheNextVlan() {
    TrunkSubportAttachment attachment = attachment(Duration.ofSeconds(5));
    attach(attachment);
    Port second = nested.reservedPort(nested.otherSubnet, "10.1.0.12");

    EndpointState state =
        attachment.attach(
            second,
            second.fixedIps(),
            view(nested.otherSubnet.networkId()),
            endpoint(2, "10.1.0.12", Optional.empty()));

    assertThat(state.bound().segmentationId()).isEqualTo(2);
    assertThat(state.plugged().containerMacAddress()).isEqualTo(second.macAddress());
  }

  @Test
  void failedPlugTakesThePortOffTheTrunkAgain() {
    binder.failPlugs();

    assertThatThrownBy(() -> attach(attachment(Duration.ofSeconds(5))))
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("failed to plug port " + reserved.id());

    assertThat(nested.subports(trunkId)).isEmpty();
    assertThat(nested.hasPort(reserved.id())).isTrue();
  }

  @Test
  void subportThatNeverGoesActiveFailsInBoundedTimeAndLeavesNothing() {
    neutron.keepPortsDown();
    long start = System.nanoTime();

    assertThatThrownBy(() -> attach(attachment(Duration.ofMillis(300))))
        .isInstanceOf(NotReadyException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(nested.subports(trunkId)).isEmpty();
    assertThat(binder.plugged()).isEmpty();
  }

  @Test
  void detachUnplugsAndRemovesTheSubportSoThePortCanBeDeleted() {
    TrunkSubportAttachment attachment = attachment(Duration.ofSeconds(5));
    EndpointState state = attach(attachment);

    attachment.detach(state);
    attachment.detach(state);

    assertThat(nested.subports(trunkId)).isEmpty();
    assertThat(binder.plugged()).isEmpty();
    assertThat(neutron.ports().delete(reserved.id())).isTrue();
  }

  @Test
  void restartedDaemonRecoversTheVlanOfAnEndpointAndDetachesIt() {
    attach(attachment(Duration.ofSeconds(5)));
    TrunkSubportAttachment restarted = attachment(Duration.ofSeconds(5));
    Port port = nested.port(reserved.id());

    EndpointState recovered =
        restarted.recover(
            NestedFixtures.DOCKER_NETWORK,
            spec.endpointId(),
            port,
            view(nested.otherSubnet.networkId()));
    restarted.detach(recovered);

    assertThat(recovered.bound().segmentationId()).isEqualTo(1);
    assertThat(recovered.plugged().containerDeviceName()).startsWith("t_c");
    assertThat(nested.subports(trunkId)).isEmpty();
  }
}
