package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.TestPorts.MAC;
import static org.openstack.kuryr.binding.linux.TestPorts.SETTINGS;
import static org.openstack.kuryr.binding.linux.TestPorts.ovsPort;
import static org.openstack.kuryr.binding.linux.TestPorts.seconds;

import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.host.RecordingCommandRunner;

class NestedVlanBinderTest {
  private static final String CREATE_VLAN =
      "ip link add link eth0 name t_c3f2a9c1e-7b address fa:16:3e:12:34:56 mtu 1442"
          + " type vlan id 101";
  private static final String DELETE_VLAN = "ip -force -batch - <<< link del dev t_c3f2a9c1e-7b";

  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final NestedVlanBinder binder =
      new NestedVlanBinder(
          runner, SETTINGS, "eth0", new KernelVlanDeviceFactory(runner, seconds(10)));
  private final BoundPort subport = ovsPort().withSegmentationId(101);

  @Test
  void plugCreatesVlanDeviceWithMacAndMtuInOneCommand() {
    PluggedInterface plugged = binder.plug(subport);

    assertThat(runner.lines()).containsExactly(CREATE_VLAN, "ethtool -K t_c3f2a9c1e-7b tx off");
    assertThat(plugged).isEqualTo(new PluggedInterface("eth0", "t_c3f2a9c1e-7b", MAC));
  }

  @Test
  void plugIgnoresVifTypeBecauseTheTrunkBindsSubports() {
    binder.plug(TestPorts.port("unbound", java.util.Map.of()).withSegmentationId(101));

    assertThat(runner.lines().getFirst()).isEqualTo(CREATE_VLAN);
  }

  @Test
  void plugRejectsPortWithoutSegmentationId() {
    assertThatThrownBy(() -> binder.plug(ovsPort()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segmentation ID");
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void plugDeletesVlanDeviceWhenOffloadStepFails() {
    runner.whenCommandStartsWith("ethtool").thenFail(1, "Cannot change tx-checksumming");

    assertThatThrownBy(() -> binder.plug(subport))
        .isInstanceOf(HostWiringException.class)
        .hasMessageEndingWith("Cannot change tx-checksumming");

    assertThat(runner.lines().getLast()).isEqualTo(DELETE_VLAN);
    assertThat(HostLedger.replay(runner.executions()).leftovers()).isEmpty();
  }

  @Test
  void plugAgainVerifiesAndUpdatesExistingVlanDevice() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists");
    runner.whenCommandStartsWith("ip -json -details link show").thenPrint(vlanJson(101));

    binder.plug(subport);

    assertThat(runner.lines())
        .containsExactly(
            CREATE_VLAN,
            "ip -json -details link show dev t_c3f2a9c1e-7b",
            "ip -batch - <<< link set dev t_c3f2a9c1e-7b address fa:16:3e:12:34:56 mtu 1442",
            "ethtool -K t_c3f2a9c1e-7b tx off");
  }

  @Test
  void plugRefusesExistingDeviceOnAnotherVlan() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists");
    runner.whenCommandStartsWith("ip -json -details link show").thenPrint(vlanJson(102));

    assertThatThrownBy(() -> binder.plug(subport))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("is not VLAN 101 on eth0");
    assertThat(runner.lines()).noneMatch(line -> line.contains("link del"));
  }

  @Test
  void unplugDeletesVlanDeviceAndToleratesItsAbsence() {
    runner
        .whenCommandStartsWith("ip -force -batch")
        .thenFail(1, "Cannot find device \"t_c3f2a9c1e-7b\"\nCommand failed -:1\n");

    binder.unplug(ovsPort());

    assertThat(runner.lines()).containsExactly(DELETE_VLAN);
  }

  @Test
  void awaitDataplaneReadyIsNotObservableInsideVm() {
    assertThat(binder.awaitDataplaneReady(subport, seconds(1)))
        .isEqualTo(DataplaneState.NOT_OBSERVABLE);
    assertThat(runner.lines()).isEmpty();
  }

  private static String vlanJson(int vlanId) {
    return "[{\"ifname\":\"t_c3f2a9c1e-7b\",\"link\":\"eth0\",\"linkinfo\":{\"info_kind\":\"vlan\","
        + "\"info_data\":{\"protocol\":\"802.1Q\",\"id\":"
        + vlanId
        + "}}}]";
  }
}
