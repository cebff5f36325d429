package org.openstack.kuryr.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.config.Config;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.config.IniFile;
import org.openstack.kuryr.host.RecordingCommandRunner;
import org.openstack.kuryr.mapping.MappingSettings;
import org.openstack.kuryr.mapping.NestedNeutron;
import org.openstack.kuryr.mapping.ServiceSettings;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class PortDriversTest {
  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;

  private void wire(String ini) {
    Config config = Config.of(List.of(IniFile.parse(Path.of("k.conf"), ini)));
    MappingSettings mapping = DaemonSettings.mapping(config, "host-1");
    PortDrivers.services(
        DaemonSettings.from(config), config, runner, neutron, mapping, ServiceSettings.defaults());
  }

  @Test
  void nestedDaemonReleasesPortsBoundToTheVmsComputeHost() {
    Config config = Config.of(List.of());
    MappingSettings mapping = DaemonSettings.mapping(config, "docker-vm-1");
    var vmPort = nested.vmPort("10.0.0.2");

    assertThat(PortDrivers.inVm(mapping, vmPort).hostId()).isEqualTo(vmPort.bindingHostId());
  }

  @Test
  void nestedDaemonWithoutAdminRightsKeepsItsOwnHostName() {
    Config config = Config.of(List.of());
    MappingSettings mapping = DaemonSettings.mapping(config, "docker-vm-1");
    var hidden = nested.reservedPort(nested.vmSubnet, "10.0.0.3");

    assertThat(PortDrivers.inVm(mapping, hidden).hostId()).isEqualTo("docker-vm-1");
  }

  @Test
  void ovsStandInForVlanDevicesNeedsItsBridge() {
    assertThatThrownBy(
            () ->
                wire(
                    "[DEFAULT]\ndefault_port_driver = vlan\n"
                        + "[binding]\nvlan_devices = ovs_access_port\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs vlan_test_bridge");
    assertThat(neutron.requests()).isEmpty();
  }

  @Test
  void ovsStandInRefusesANamespaceThatIsNoPidOrName() {
    assertThatThrownBy(
            () ->
                wire(
                    "[DEFAULT]\ndefault_port_driver = vlan\n[binding]\nvlan_devices ="
                        + " ovs_access_port\nvlan_test_bridge = br-vm\n"
                        + "vlan_test_bridge_netns = /proc/1/ns/net\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a process ID or namespace name");
  }

  @Test
  void nestedModeWithoutAVmPortRefusesToStart() {
    assertThatThrownBy(
            () ->
                wire(
                    "[DEFAULT]\ndefault_port_driver = nested\n"
                        + "[binding]\nvm_port_id = 0000-missing\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vm_port_id 0000-missing: no such port");
  }
}
