package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.NestedFixtures.DOCKER_MAC;
import static org.openstack.kuryr.mapping.NestedFixtures.DOCKER_NETWORK;
import static org.openstack.kuryr.mapping.NestedFixtures.endpoint;
import static org.openstack.kuryr.mapping.NestedFixtures.view;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class AddressPairAttachmentTest {
  private static final AddressPair USERS = new AddressPair("10.0.0.99", "fa:16:3e:99:99:99");

  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final NestedBinderFake binder = new NestedBinderFake();
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final Port reserved = nested.reservedPort(nested.vmSubnet, "10.0.0.11");
  private final AddressPairAttachment attachment =
      new AddressPairAttachment(neutron, binder, vmPort, new AddressPairPortServices());

  private EndpointState attach(Optional<String> dockerMac) {
    return attachment.attach(
        reserved,
        reserved.fixedIps(),
        view(nested.vmSubnet.networkId()),
        endpoint(1, "10.0.0.11", dockerMac));
  }

  private List<AddressPair> vmPairs() {
    return nested.port(vmPort.id()).allowedAddressPairs();
  }

  @Test
  void containerAddressJoinsTheVmPortsPairsWithDockersMac() {
    EndpointState state = attach(Optional.of(DOCKER_MAC));

    assertThat(vmPairs()).containsExactly(new AddressPair("10.0.0.11", DOCKER_MAC));
    assertThat(state.plugged().containerMacAddress()).isEqualTo(DOCKER_MAC);
    assertThat(binder.plugged().get(reserved.id()).macAddress()).isEqualTo(DOCKER_MAC);
    Port port = nested.port(reserved.id());
    assertThat(port.macAddress()).isEqualTo(reserved.macAddress()).isNotEqualTo(DOCKER_MAC);
    assertThat(port.deviceId()).isEqualTo(NestedFixtures.endpointId(1));
    assertThat(port.bindingHostId()).isEmpty();
  }

  @Test
  void withoutDockersMacAStableLocallyAdministeredOneIsUsed() {
    EndpointState state = attach(Optional.empty());

    String mac = state.plugged().containerMacAddress();
    int firstOctet = HexFormat.fromHexDigits(mac.substring(0, 2));
    assertThat(firstOctet & 0x02).isEqualTo(0x02);
    assertThat(firstOctet & 0x01).isZero();
    assertThat(mac)
        .isEqualTo(AddressPairAttachment.derivedMacAddress(reserved.id()))
        .isNotEqualTo(reserved.macAddress())
        .isNotEqualTo(AddressPairAttachment.derivedMacAddress(vmPort.id()));
    assertThat(vmPairs()).containsExactly(new AddressPair("10.0.0.11", mac));
  }

  @Test
  void containerMacEqualToItsPortsMacIsRefusedBeforeAnyChange() {
    assertThatThrownBy(() -> attach(Optional.of(reserved.macAddress())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("OVN would drop its replies");

    assertThat(neutron.requests()).doesNotContain("PUT ports");
  }

  @Test
  void networkOtherThanTheVmsIsRefusedBeforeAnyChange() {
    assertThatThrownBy(
            () ->
                attachment.attach(
                    reserved,
                    reserved.fixedIps(),
                    view(nested.otherSubnet.networkId()),
                    endpoint(1, "10.0.0.11", Optional.of(DOCKER_MAC))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("only join the VM port's network " + nested.vmSubnet.networkId());

    assertThat(neutron.requests()).doesNotContain("PUT ports");
  }

  @Test
  void securityGroupsAndFloatingIpsAreRefusedBeforeAnyChange() {
    for (var option : List.of("neutron.securitygroups", "neutron.floatingip")) {
      var spec =
          new EndpointSpec(
              DOCKER_NETWORK,
              NestedFixtures.endpointId(1),
              Optional.of("10.0.0.11/24"),
              Optional.empty(),
              Optional.of(DOCKER_MAC),
              java.util.Map.of(option, option.endsWith("ip") ? "auto" : "web"));

      assertThatThrownBy(
              () ->
                  attachment.attach(
                      reserved, reserved.fixedIps(), view(nested.vmSubnet.networkId()), spec))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(option)
          .hasMessageContaining("VM port's security groups");
    }
    assertThat(neutron.requests()).doesNotContain("PUT ports");
    assertThat(vmPairs()).isEmpty();
  }

  @Test
  void failedPlugTakesThePairOffTheVmPortAgain() {
    nested.setAddressPairs(vmPort.id(), List.of(USERS));
    binder.failPlugs();

    assertThatThrownBy(() -> attach(Optional.of(DOCKER_MAC))).isInstanceOf(InternalException.class);

    assertThat(vmPairs()).containsExactly(USERS);
  }

  @Test
  void detachRemovesOnlyTheContainersPairsAndIsSafeToRepeat() {
    nested.setAddressPairs(vmPort.id(), List.of(USERS));
    EndpointState state = attach(Optional.of(DOCKER_MAC));

    attachment.detach(state);
    attachment.detach(state);

    assertThat(vmPairs()).containsExactly(USERS);
    assertThat(binder.plugged()).isEmpty();
  }

  @Test
  void restartedDaemonFindsTheContainersMacInTheVmPortsPair() {
    attach(Optional.of(DOCKER_MAC));
    var restarted =
        new AddressPairAttachment(neutron, binder, vmPort, new AddressPairPortServices());

    EndpointState recovered =
        restarted.recover(
            DOCKER_NETWORK,
            NestedFixtures.endpointId(1),
            nested.port(reserved.id()),
            view(nested.vmSubnet.networkId()));
    restarted.detach(recovered);

    assertThat(recovered.plugged().containerMacAddress()).isEqualTo(DOCKER_MAC);
    assertThat(vmPairs()).isEmpty();
  }
}
