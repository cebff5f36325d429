package org.openstack.kuryr.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.mapping.NestedNeutron;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class VmPortLocatorTest {
  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final Map<String, String> interfaces =
      Map.of("eth0", vmPort.macAddress(), "docker0", "02:42:ac:11:00:01");

  private VmPortLocator.VmPort locate(
      Map<String, String> macs, Optional<String> iface, Optional<String> portId) {
    return new VmPortLocator(neutron, macs).locate(iface, portId);
  }

  @Test
  void withNothingConfiguredThePortIsTheOneWithTheMacOfAVmInterface() {
    var vm = locate(interfaces, Optional.empty(), Optional.empty());

    assertThat(vm.port().id()).isEqualTo(vmPort.id());
    assertThat(vm.interfaceName()).isEqualTo("eth0");
  }

  @Test
  void configuredInterfaceNamesThePortByItsMac() {
    var vm = locate(interfaces, Optional.of("eth0"), Optional.empty());

    assertThat(vm.port().id()).isEqualTo(vmPort.id());
  }

  @Test
  void configuredPortNamesTheInterfaceByItsMac() {
    var vm = locate(interfaces, Optional.empty(), Optional.of(vmPort.id()));

    assertThat(vm.interfaceName()).isEqualTo("eth0");
  }

  @Test
  void bothConfiguredAreTakenAsGiven() {
    var vm =
        locate(Map.of("ens3", "fa:16:3e:aa:bb:cc"), Optional.of("ens3"), Optional.of(vmPort.id()));

    assertThat(vm.interfaceName()).isEqualTo("ens3");
    assertThat(vm.port().id()).isEqualTo(vmPort.id());
  }

  @Test
  void noPortWithTheVmsMacsAsksForTheConfiguration() {
    assertThatThrownBy(
            () -> locate(Map.of("eth0", "fa:16:3e:ff:ff:ff"), Optional.empty(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no port has its MAC address; set [binding] vm_port_id");
  }

  @Test
  void twoCandidatePortsAreNamedAndRefused() {
    Port second = nested.vmPort("10.0.0.3");

    assertThatThrownBy(
            () ->
                locate(
                    Map.of("eth0", vmPort.macAddress(), "eth1", second.macAddress()),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(vmPort.id())
        .hasMessageContaining(second.id());
  }

  @Test
  void unknownInterfaceIsRefused() {
    assertThatThrownBy(() -> locate(interfaces, Optional.of("ens9"), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("link_iface ens9 is not an interface of this VM");
  }

  @Test
  void unknownPortIsRefused() {
    assertThatThrownBy(() -> locate(interfaces, Optional.empty(), Optional.of("0000-no-such-port")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vm_port_id 0000-no-such-port: no such port");
  }

  @Test
  void portWhoseMacNoInterfaceCarriesAsksForTheInterface() {
    assertThatThrownBy(
            () ->
                locate(
                    Map.of("eth0", "fa:16:3e:ff:ff:ff"),
                    Optional.empty(),
                    Optional.of(vmPort.id())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set [binding] link_iface");
  }
}
