package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.TestPorts.MAC;
import static org.openstack.kuryr.binding.linux.TestPorts.PORT_ID;
import static org.openstack.kuryr.binding.linux.TestPorts.SETTINGS;
import static org.openstack.kuryr.binding.linux.TestPorts.ovsPort;
import static org.openstack.kuryr.binding.linux.TestPorts.seconds;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.host.RecordingCommandRunner;

class NestedMacvlanBinderTest {
  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final NestedMacvlanBinder binder = new NestedMacvlanBinder(runner, SETTINGS, "eth0");
  private final String derivedMac = NestedMacvlanBinder.macAddressFor(PORT_ID);

  @Test
  void plugCreatesBridgeModeMacvlanWithDerivedMacAndDisablesOffloadOnParent() {
    PluggedInterface plugged = binder.plug(ovsPort());

    assertThat(runner.lines())
        .containsExactly(
            "ip link add link eth0 name t_c3f2a9c1e-7b address "
                + derivedMac
                + " mtu 1442 type macvlan mode bridge",
            "ethtool -K eth0 tx off");
    assertThat(plugged).isEqualTo(new PluggedInterface("eth0", "t_c3f2a9c1e-7b", derivedMac));
  }

  @Test
  void derivedMacIsLocallyAdministeredUnicastAndNotThePortMac() {
    int firstOctet = HexFormat.fromHexDigits(derivedMac.substring(0, 2));

    assertThat(firstOctet & 0x02).isEqualTo(0x02);
    assertThat(firstOctet & 0x01).isZero();
    assertThat(derivedMac).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}").isNotEqualTo(MAC);
  }

  @Test
  void derivedMacIsStableForPortAndDiffersBetweenPorts() {
    assertThat(NestedMacvlanBinder.macAddressFor(PORT_ID)).isEqualTo(derivedMac);
    assertThat(NestedMacvlanBinder.macAddressFor("3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6c"))
        .isNotEqualTo(derivedMac);
  }

  @Test
  void plugDeletesMacvlanWhenOffloadStepFails() {
    runner.whenCommandStartsWith("ethtool").thenFail(1, "Cannot get device feature names");

    assertThatThrownBy(() -> binder.plug(ovsPort())).isInstanceOf(HostWiringException.class);

    assertThat(runner.lines().getLast())
        .isEqualTo("ip -force -batch - <<< link del dev t_c3f2a9c1e-7b");
    assertThat(HostLedger.replay(runner.executions()).leftovers()).isEmpty();
  }

  @Test
  void plugAgainUpdatesExistingMacvlanOnSameParent() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists");
    runner
        .whenCommandStartsWith("ip -json -details link show")
        .thenPrint(
            "[{\"ifname\":\"t_c3f2a9c1e-7b\",\"link\":\"eth0\","
                + "\"linkinfo\":{\"info_kind\":\"macvlan\",\"info_data\":{\"mode\":\"bridge\"}}}]");

    binder.plug(ovsPort());

    assertThat(runner.lines())
        .contains(
            "ip -batch - <<< link set dev t_c3f2a9c1e-7b address " + derivedMac + " mtu 1442");
  }

  @Test
  void plugRefusesExistingDeviceOfAnotherKind() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists");
    runner
        .whenCommandStartsWith("ip -json -details link show")
        .thenPrint("[{\"ifname\":\"t_c3f2a9c1e-7b\",\"linkinfo\":{\"info_kind\":\"veth\"}}]");

    assertThatThrownBy(() -> binder.plug(ovsPort()))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("is not a macvlan on eth0");
  }

  @Test
  void unplugDeletesMacvlan() {
    binder.unplug(ovsPort());

    assertThat(runner.lines())
        .containsExactly("ip -force -batch - <<< link del dev t_c3f2a9c1e-7b");
  }

  @Test
  void awaitDataplaneReadyIsNotObservableInsideVm() {
    assertThat(binder.awaitDataplaneReady(ovsPort(), seconds(1)))
        .isEqualTo(DataplaneState.NOT_OBSERVABLE);
  }
}
