package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.TestPorts.SETTINGS;
import static org.openstack.kuryr.binding.linux.TestPorts.ovsPort;
import static org.openstack.kuryr.binding.linux.TestPorts.seconds;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.host.RecordingCommandRunner;

class NestedMacvlanBinderTest {
  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final NestedMacvlanBinder binder = new NestedMacvlanBinder(runner, SETTINGS, "eth0");
  private final String containerMac = "02:42:0a:0a:00:05";

  @Test
  void plugCreatesBridgeModeMacvlanWithTheGivenMacAndDisablesOffloadOnParent() {
    PluggedInterface plugged = binder.plug(macvlanPort());

    assertThat(runner.lines())
        .containsExactly(
            "ip link add link eth0 name t_c3f2a9c1e-7b address "
                + containerMac
                + " mtu 1442 type macvlan mode bridge",
            "ethtool -K eth0 tx off");
    assertThat(plugged).isEqualTo(new PluggedInterface("eth0", "t_c3f2a9c1e-7b", containerMac));
  }

  @Test
  void plugDeletesMacvlanWhenOffloadStepFails() {
    runner.whenCommandStartsWith("ethtool").thenFail(1, "Cannot get device feature names");

    assertThatThrownBy(() -> binder.plug(macvlanPort())).isInstanceOf(HostWiringException.class);

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

    binder.plug(macvlanPort());

    assertThat(runner.lines())
        .contains(
            "ip -batch - <<< link set dev t_c3f2a9c1e-7b address " + containerMac + " mtu 1442");
  }

  @Test
  void plugRefusesExistingDeviceOfAnotherKind() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists");
    runner
        .whenCommandStartsWith("ip -json -details link show")
        .thenPrint("[{\"ifname\":\"t_c3f2a9c1e-7b\",\"linkinfo\":{\"info_kind\":\"veth\"}}]");

    assertThatThrownBy(() -> binder.plug(macvlanPort()))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("is not a macvlan on eth0");
  }

  @Test
  void unplugDeletesMacvlan() {
    binder.unplug(ovsPort());

    assertThat(runner.lines())
        .containsExactly("ip -force -batch - <<< link del dev t_c3f2a9c1e-7b");
  }

  /** The port as nested macvlan mode hands it over: with the container's MAC, not Neutron's. */
  private BoundPort macvlanPort() {
    BoundPort neutronPort = ovsPort();
    return new BoundPort(
        neutronPort.portId(),
        neutronPort.networkId(),
        neutronPort.endpointId(),
        containerMac,
        neutronPort.mtu(),
        "unbound",
        Map.of(),
        null);
  }

  @Test
  void awaitDataplaneReadyIsNotObservableInsideVm() {
    assertThat(binder.awaitDataplaneReady(ovsPort(), seconds(1)))
        .isEqualTo(DataplaneState.NOT_OBSERVABLE);
  }
}
