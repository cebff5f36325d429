package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openstack.kuryr.binding.linux.TestPorts.CONTAINER_VETH;
import static org.openstack.kuryr.binding.linux.TestPorts.ENDPOINT_ID;
import static org.openstack.kuryr.binding.linux.TestPorts.HOST_VETH;
import static org.openstack.kuryr.binding.linux.TestPorts.MAC;
import static org.openstack.kuryr.binding.linux.TestPorts.PORT_ID;
import static org.openstack.kuryr.binding.linux.TestPorts.SETTINGS;
import static org.openstack.kuryr.binding.linux.TestPorts.ovsPort;
import static org.openstack.kuryr.binding.linux.TestPorts.port;
import static org.openstack.kuryr.binding.linux.TestPorts.seconds;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.UnsupportedVifTypeException;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.RecordingCommandRunner;

class VethBinderTest {
  private static final String CREATE_VETH =
      "ip link add tap3f2a9c1e-7b mtu 1442 up type veth peer name t_c3f2a9c1e-7b"
          + " address fa:16:3e:12:34:56 mtu 1442";
  private static final String DISABLE_OFFLOAD = "ethtool -K t_c3f2a9c1e-7b tx off";
  private static final String EXTERNAL_IDS =
      " external_ids:iface-id="
          + PORT_ID
          + " external_ids:attached-mac="
          + MAC
          + " external_ids:iface-status=active external_ids:vm-uuid="
          + ENDPOINT_ID
          + " external_ids:owner=kuryr";
  private static final String ADD_OVS_PORT =
      "ovs-vsctl --timeout=10 -- --may-exist add-port br-int tap3f2a9c1e-7b"
          + " -- set Interface tap3f2a9c1e-7b"
          + EXTERNAL_IDS;
  private static final String HYBRID_PORT = "ovs_hybrid_plug";
  private static final String MISSING_DEVICE =
      "Cannot find device \"tap3f2a9c1e-7b\"\nCommand failed -:1\n";

  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final VethBinder binder = new VethBinder(runner, SETTINGS);

  @Test
  void plugOvsPortCreatesVethDisablesOffloadAndAddsPortInOneTransaction() {
    PluggedInterface plugged = binder.plug(ovsPort());

    assertThat(runner.lines()).containsExactly(CREATE_VETH, DISABLE_OFFLOAD, ADD_OVS_PORT);
    assertThat(plugged).isEqualTo(new PluggedInterface(HOST_VETH, CONTAINER_VETH, MAC));
  }

  @Test
  void plugOvsPortUsesBridgeNamedInVifDetails() {
    binder.plug(port("ovs", Map.of("bridge_name", "br-alt")));

    assertThat(runner.lines().getLast())
        .startsWith("ovs-vsctl --timeout=10 -- --may-exist add-port br-alt tap3f2a9c1e-7b ");
  }

  @Test
  void plugLeavesOffloadAloneWhenSettingIsOff() {
    VethBinder keepingOffload =
        new VethBinder(runner, SETTINGS.withDisableTxChecksumOffload(false));

    keepingOffload.plug(ovsPort());

    assertThat(runner.lines()).containsExactly(CREATE_VETH, ADD_OVS_PORT);
  }

  @Test
  void plugNamesDevicesWithConfiguredPrefixes() {
    VethBinder prefixed = new VethBinder(runner, SETTINGS.withVethPrefixes("kh", "kc"));

    PluggedInterface plugged = prefixed.plug(ovsPort());

    assertThat(plugged.hostDeviceName()).isEqualTo("kh3f2a9c1e-7b");
    assertThat(plugged.containerDeviceName()).isEqualTo("kc3f2a9c1e-7b");
    assertThat(prefixed.containerDeviceName(PORT_ID)).isEqualTo("kc3f2a9c1e-7b");
  }

  @Test
  void plugHybridOvsPortBuildsPerPortBridgeAndPlugsQvoIntoIntegrationBridge() {
    PluggedInterface plugged = binder.plug(port("ovs", Map.of(HYBRID_PORT, true)));

    assertThat(runner.lines())
        .containsExactly(
            "ip link add name qbr3f2a9c1e-7b up type bridge",
            "ip link add qvb3f2a9c1e-7b master qbr3f2a9c1e-7b mtu 1442 up type veth"
                + " peer name qvo3f2a9c1e-7b mtu 1442",
            "ip link set dev qvo3f2a9c1e-7b up",
            "ip link add tap3f2a9c1e-7b master qbr3f2a9c1e-7b mtu 1442 up type veth"
                + " peer name t_c3f2a9c1e-7b address fa:16:3e:12:34:56 mtu 1442",
            DISABLE_OFFLOAD,
            "ovs-vsctl --timeout=10 -- --may-exist add-port br-int qvo3f2a9c1e-7b"
                + " -- set Interface qvo3f2a9c1e-7b"
                + EXTERNAL_IDS);
    assertThat(plugged).isEqualTo(new PluggedInterface(HOST_VETH, CONTAINER_VETH, MAC));
  }

  @Test
  void plugHybridFlagGivenAsTextIsHonoured() {
    binder.plug(port("ovs", Map.of(HYBRID_PORT, "True")));

    assertThat(runner.lines().getFirst())
        .isEqualTo("ip link add name qbr3f2a9c1e-7b up type bridge");
  }

  @Test
  void plugLinuxBridgePortCreatesNetworkBridgeAndEnslavesHostEnd() {
    binder.plug(port("bridge", Map.of()));

    assertThat(runner.lines())
        .containsExactly(
            "ip link add name brq8e1f0b2c-5d up type bridge",
            "ip link add tap3f2a9c1e-7b master brq8e1f0b2c-5d mtu 1442 up type veth"
                + " peer name t_c3f2a9c1e-7b address fa:16:3e:12:34:56 mtu 1442",
            DISABLE_OFFLOAD);
  }

  @Test
  void plugLinuxBridgePortUsesExistingBridge() {
    runner
        .whenCommandStartsWith("ip link add name brq")
        .thenFail(2, "RTNETLINK answers: File exists\n");

    binder.plug(port("bridge", Map.of()));

    assertThat(runner.lines()).hasSize(3);
    assertThat(runner.lines().get(1)).startsWith("ip link add tap3f2a9c1e-7b master brq");
  }

  @ParameterizedTest
  @ValueSource(strings = {"binding_failed", "unbound", "vhostuser", "macvtap", ""})
  void plugRefusesVifTypesItCannotWireAndRunsNothing(String vifType) {
    UnsupportedVifTypeException failure =
        catchThrowableOfType(
            UnsupportedVifTypeException.class, () -> binder.plug(port(vifType, Map.of())));

    assertThat(failure.vifType()).isEqualTo(vifType);
    assertThat(failure.getMessage()).startsWith("failed to plug port " + PORT_ID + ": ");
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void plugBindingFailedPortTellsWhatToCheck() {
    assertThatThrownBy(() -> binder.plug(port("binding_failed", Map.of())))
        .hasMessageContaining("binding:host_id")
        .hasMessageContaining("agent");
  }

  static Stream<Arguments> failingSteps() {
    BoundPort ovs = ovsPort();
    BoundPort hybrid = port("ovs", Map.of(HYBRID_PORT, true));
    BoundPort bridge = port("bridge", Map.of());
    // Linux bridge: brq… belongs to the network and its agent, so it stays even on rollback.
    Set<String> bridgeKept = Set.of("brq8e1f0b2c-5d");
    return Stream.of(
        Arguments.of(ovs, "ip link add tap", Set.of()),
        Arguments.of(ovs, "ethtool", Set.of()),
        Arguments.of(ovs, "ovs-vsctl", Set.of()),
        Arguments.of(hybrid, "ip link add name qbr", Set.of()),
        Arguments.of(hybrid, "ip link add qvb", Set.of()),
        Arguments.of(hybrid, "ip link set dev qvo", Set.of()),
        Arguments.of(hybrid, "ip link add tap", Set.of()),
        Arguments.of(hybrid, "ethtool", Set.of()),
        Arguments.of(hybrid, "ovs-vsctl", Set.of()),
        Arguments.of(bridge, "ip link add name brq", Set.of()),
        Arguments.of(bridge, "ip link add tap", bridgeKept),
        Arguments.of(bridge, "ethtool", bridgeKept));
  }

  @ParameterizedTest(name = "{1} fails for vif {0}")
  @MethodSource("failingSteps")
  void plugRemovesEverythingItCreatedWhenAStepFails(
      BoundPort port, String failingStep, Set<String> intentionallyKept) {
    runner.whenCommandStartsWith(failingStep).thenFail(2, "RTNETLINK answers: Invalid argument");

    HostWiringException failure =
        catchThrowableOfType(HostWiringException.class, () -> binder.plug(port));

    assertThat(failure).hasCauseInstanceOf(CommandFailedException.class);
    assertThat(failure.getMessage())
        .startsWith("failed to plug port " + PORT_ID + ": failed to run " + failingStep)
        .endsWith("RTNETLINK answers: Invalid argument");
    assertThat(HostLedger.replay(runner.executions()).leftovers()).isEqualTo(intentionallyKept);
  }

  @Test
  void plugKeepsOriginalErrorAndAddsUndoFailureAsSuppressed() {
    runner.whenCommandStartsWith("ovs-vsctl").thenFail(1, "no bridge named br-int");
    runner.whenCommandStartsWith("ip -force -batch").thenFail(2, "RTNETLINK answers: Busy");

    HostWiringException failure =
        catchThrowableOfType(HostWiringException.class, () -> binder.plug(ovsPort()));

    assertThat(failure.getMessage()).endsWith("no bridge named br-int");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0]).hasMessageEndingWith("RTNETLINK answers: Busy");
  }

  @Test
  void plugAgainReconcilesExistingVethWithoutRecreatingIt() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists\n");
    runner
        .whenCommandStartsWith("ip -json -details link show dev tap")
        .thenPrint(vethJson("\"link\":\"t_c3f2a9c1e-7b\""));

    PluggedInterface plugged = binder.plug(ovsPort());

    assertThat(runner.lines())
        .containsExactly(
            CREATE_VETH,
            "ip -json -details link show dev tap3f2a9c1e-7b",
            "ip -batch - <<< link set dev tap3f2a9c1e-7b mtu 1442 up\n"
                + "link set dev t_c3f2a9c1e-7b address fa:16:3e:12:34:56 mtu 1442",
            DISABLE_OFFLOAD,
            ADD_OVS_PORT);
    assertThat(plugged.containerDeviceName()).isEqualTo(CONTAINER_VETH);
  }

  @Test
  void plugAgainAfterDockerMovedContainerEndOnlyEnsuresHostSide() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists\n");
    runner
        .whenCommandStartsWith("ip -json -details link show dev tap")
        .thenPrint(vethJson("\"link_index\":7,\"link_netnsid\":0"));

    binder.plug(ovsPort());

    assertThat(runner.lines())
        .containsExactly(
            CREATE_VETH,
            "ip -json -details link show dev tap3f2a9c1e-7b",
            "ip -batch - <<< link set dev tap3f2a9c1e-7b mtu 1442 up",
            ADD_OVS_PORT);
  }

  @Test
  void plugAgainDoesNotRemovePreexistingVethWhenLaterStepFails() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists\n");
    runner
        .whenCommandStartsWith("ip -json -details link show dev tap")
        .thenPrint(vethJson("\"link\":\"t_c3f2a9c1e-7b\""));
    runner.whenCommandStartsWith("ovs-vsctl").thenFail(1, "database connection failed");

    assertThatThrownBy(() -> binder.plug(ovsPort())).isInstanceOf(HostWiringException.class);

    assertThat(runner.lines()).noneMatch(line -> line.contains("link del"));
  }

  @Test
  void plugRefusesToAdoptDeviceThatIsNotItsVeth() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists\n");
    runner
        .whenCommandStartsWith("ip -json -details link show dev tap")
        .thenPrint("[{\"ifname\":\"tap3f2a9c1e-7b\",\"linkinfo\":{\"info_kind\":\"tun\"}}]");

    assertThatThrownBy(() -> binder.plug(ovsPort()))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("tap3f2a9c1e-7b exists and is not its veth pair");
    assertThat(runner.lines()).noneMatch(line -> line.contains("link del"));
  }

  @Test
  void plugRefusesWhenOnlyContainerDeviceNameIsTaken() {
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists\n");
    runner
        .whenCommandStartsWith("ip -json -details link show dev tap")
        .thenFail(1, "Device \"tap3f2a9c1e-7b\" does not exist.\n");

    assertThatThrownBy(() -> binder.plug(ovsPort()))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("t_c3f2a9c1e-7b exists without its peer");
  }

  @Test
  void unplugOvsPortRemovesOvsPortThenVeth() {
    binder.unplug(ovsPort());

    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=10 -- --if-exists del-port tap3f2a9c1e-7b",
            "ip -force -batch - <<< link del dev tap3f2a9c1e-7b");
  }

  @Test
  void unplugSucceedsWhenEverythingIsAlreadyGone() {
    runner.whenCommandStartsWith("ip -force -batch").thenFail(1, MISSING_DEVICE);

    binder.unplug(ovsPort());

    assertThat(runner.lines()).hasSize(2);
  }

  @Test
  void unplugTwiceIssuesSameIdempotentCommands() {
    binder.unplug(ovsPort());
    runner.whenCommandStartsWith("ip -force -batch").thenFail(1, MISSING_DEVICE);
    binder.unplug(ovsPort());

    assertThat(runner.lines().subList(0, 2)).isEqualTo(runner.lines().subList(2, 4));
  }

  @Test
  void unplugFailsWhenDeviceCannotBeDeleted() {
    runner
        .whenCommandStartsWith("ip -force -batch")
        .thenFail(2, "RTNETLINK answers: Operation not permitted\nCommand failed -:1\n");

    assertThatThrownBy(() -> binder.unplug(ovsPort()))
        .isInstanceOf(HostWiringException.class)
        .hasMessageStartingWith("failed to unplug port " + PORT_ID + ": failed to run ip")
        .hasMessageContaining("Operation not permitted");
  }

  @Test
  void unplugRemovesTheVethEvenWhenOpenVswitchCannotBeReached() {
    runner
        .whenCommandStartsWith("ovs-vsctl")
        .thenFail(1, "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed\n");

    assertThatThrownBy(() -> binder.unplug(ovsPort()))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("database connection failed");
    assertThat(runner.lines()).contains("ip -force -batch - <<< link del dev tap3f2a9c1e-7b");
  }

  @Test
  void unplugHybridPortRemovesQvoAndAllPerPortDevices() {
    binder.unplug(port("ovs", Map.of(HYBRID_PORT, true)));

    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=10 -- --if-exists del-port qvo3f2a9c1e-7b",
            "ip -force -batch - <<< link del dev tap3f2a9c1e-7b\n"
                + "link del dev qvb3f2a9c1e-7b\n"
                + "link del dev qbr3f2a9c1e-7b");
  }

  @Test
  void unplugPortWithFailedBindingDeletesVethButLeavesOpenVswitchAlone() {
    binder.unplug(port("binding_failed", Map.of()));

    assertThat(runner.lines())
        .containsExactly("ip -force -batch - <<< link del dev tap3f2a9c1e-7b");
  }

  @Test
  void unplugLinuxBridgePortKeepsTheNetworkBridge() {
    binder.unplug(port("bridge", Map.of()));

    assertThat(runner.lines())
        .containsExactly("ip -force -batch - <<< link del dev tap3f2a9c1e-7b");
  }

  @Test
  void awaitDataplaneReadyWaitsForOvnInstalledInOneCommand() {
    DataplaneState state = binder.awaitDataplaneReady(ovsPort(), seconds(5));

    assertThat(state).isEqualTo(DataplaneState.READY);
    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=5 -- get Open_vSwitch . external_ids:ovn-remote"
                + " -- wait-until Interface tap3f2a9c1e-7b external_ids:ovn-installed=true");
    assertThat(runner.executions().getFirst().command().timeout()).isEqualTo(seconds(7));
  }

  @Test
  void awaitDataplaneReadyReportsNotReadyWhenOvsVsctlTimesOut() {
    runner
        .whenCommandStartsWith("ovs-vsctl")
        .thenFail(142, "fatal_signal|WARN|terminating with signal 14 (Alarm clock)\n");

    assertThat(binder.awaitDataplaneReady(ovsPort(), seconds(1)))
        .isEqualTo(DataplaneState.NOT_READY);
  }

  @Test
  void awaitDataplaneReadyReportsNotReadyWhenProcessIsKilled() {
    runner.whenCommandStartsWith("ovs-vsctl").thenTimeOut();

    assertThat(binder.awaitDataplaneReady(ovsPort(), seconds(1)))
        .isEqualTo(DataplaneState.NOT_READY);
  }

  @Test
  void awaitDataplaneReadyReportsNotObservableWithoutOvnController() {
    runner
        .whenCommandStartsWith("ovs-vsctl")
        .thenFail(
            1, "ovs-vsctl: no key \"ovn-remote\" in Open_vSwitch record \".\" column external_ids");

    assertThat(binder.awaitDataplaneReady(ovsPort(), seconds(1)))
        .isEqualTo(DataplaneState.NOT_OBSERVABLE);
  }

  @Test
  void awaitDataplaneReadyReportsNotObservableForLinuxBridgeWithoutRunningAnything() {
    assertThat(binder.awaitDataplaneReady(port("bridge", Map.of()), seconds(1)))
        .isEqualTo(DataplaneState.NOT_OBSERVABLE);
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void awaitDataplaneReadyFailsWhenOpenVswitchIsUnreachable() {
    runner
        .whenCommandStartsWith("ovs-vsctl")
        .thenFail(1, "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed");

    assertThatThrownBy(() -> binder.awaitDataplaneReady(ovsPort(), seconds(1)))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("database connection failed");
  }

  @Test
  void awaitDataplaneReadyRoundsSubSecondTimeoutUpToOneSecond() {
    binder.awaitDataplaneReady(ovsPort(), java.time.Duration.ofMillis(300));

    assertThat(runner.lines().getFirst()).startsWith("ovs-vsctl --timeout=1 ");
  }

  private static String vethJson(String linkFields) {
    return "[{\"ifindex\":9,"
        + linkFields
        + ",\"ifname\":\"tap3f2a9c1e-7b\",\"mtu\":1442,"
        + "\"linkinfo\":{\"info_kind\":\"veth\"}}]";
  }
}
