package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.TestPorts.seconds;

import org.junit.jupiter.api.Test;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.RecordingCommandRunner;

class OvsAccessPortVlanDeviceFactoryTest {
  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final OvsAccessPortVlanDeviceFactory factory =
      new OvsAccessPortVlanDeviceFactory(runner, seconds(10), "ktb-vm", "tvl");
  private final VlanDevice device =
      new VlanDevice("eth0", "t_c3f2a9c1e-7b", 101, "fa:16:3e:12:34:56", 1442);

  @Test
  void ensureCreatedMakesVethWithTaggedAccessPortOnTaggingBridge() {
    boolean created = factory.ensureCreated(device);

    assertThat(created).isTrue();
    assertThat(runner.lines())
        .containsExactly(
            "ip link add tvl3f2a9c1e-7b mtu 1442 up type veth peer name t_c3f2a9c1e-7b"
                + " address fa:16:3e:12:34:56 mtu 1442",
            "ovs-vsctl --timeout=10 -- --may-exist add-port ktb-vm tvl3f2a9c1e-7b"
                + " -- set Port tvl3f2a9c1e-7b tag=101");
  }

  @Test
  void ensureCreatedRemovesVethWhenAccessPortCannotBeAdded() {
    runner.whenCommandStartsWith("ovs-vsctl").thenFail(1, "no bridge named ktb-vm");

    assertThatThrownBy(() -> factory.ensureCreated(device))
        .isInstanceOf(CommandFailedException.class);

    assertThat(HostLedger.replay(runner.executions()).leftovers()).isEmpty();
  }

  @Test
  void ensureRemovedDeletesAccessPortAndBothVethEnds() {
    factory.ensureRemoved("t_c3f2a9c1e-7b");

    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=10 -- --if-exists del-port tvl3f2a9c1e-7b",
            "ip -force -batch - <<< link del dev tvl3f2a9c1e-7b\nlink del dev t_c3f2a9c1e-7b");
  }

  @Test
  void ensureCreatedPutsAccessPortIntoBridgeNamespaceInTheSameExecution() {
    var acrossNamespaces =
        new OvsAccessPortVlanDeviceFactory(runner, seconds(10), "ktb-vm", "tvl", "1");

    acrossNamespaces.ensureCreated(device);

    assertThat(runner.lines())
        .containsExactly(
            "ip link add tvl3f2a9c1e-7b mtu 1442 netns 1 up type veth peer name t_c3f2a9c1e-7b"
                + " address fa:16:3e:12:34:56 mtu 1442",
            "ovs-vsctl --timeout=10 -- --may-exist add-port ktb-vm tvl3f2a9c1e-7b"
                + " -- set Port tvl3f2a9c1e-7b tag=101");
  }

  @Test
  void ensureCreatedAcrossNamespacesAcceptsExistingPairByItsContainerEnd() {
    var acrossNamespaces =
        new OvsAccessPortVlanDeviceFactory(runner, seconds(10), "ktb-vm", "tvl", "1");
    runner.whenCommandStartsWith("ip link add").thenFail(2, "RTNETLINK answers: File exists");
    runner
        .whenCommandStartsWith("ip -json -details link show dev t_c3f2a9c1e-7b")
        .thenPrint(
            "[{\"ifname\":\"t_c3f2a9c1e-7b\",\"link_netnsid\":0,"
                + "\"linkinfo\":{\"info_kind\":\"veth\"}}]");

    boolean created = acrossNamespaces.ensureCreated(device);

    assertThat(created).isFalse();
    assertThat(runner.lines().getLast()).startsWith("ovs-vsctl --timeout=10 -- --may-exist");
  }

  @Test
  void ensureCreatedAcrossNamespacesDeletesPairByContainerEndWhenAccessPortFails() {
    var acrossNamespaces =
        new OvsAccessPortVlanDeviceFactory(runner, seconds(10), "ktb-vm", "tvl", "1");
    runner.whenCommandStartsWith("ovs-vsctl").thenFail(1, "no bridge named ktb-vm");

    assertThatThrownBy(() -> acrossNamespaces.ensureCreated(device))
        .isInstanceOf(CommandFailedException.class);

    assertThat(runner.lines().getLast())
        .isEqualTo("ip -force -batch - <<< link del dev t_c3f2a9c1e-7b");
    assertThat(HostLedger.replay(runner.executions()).leftovers()).isEmpty();
  }

  @Test
  void ensureRemovedAcrossNamespacesDeletesAccessPortAndContainerEnd() {
    new OvsAccessPortVlanDeviceFactory(runner, seconds(10), "ktb-vm", "tvl", "1")
        .ensureRemoved("t_c3f2a9c1e-7b");

    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=10 -- --if-exists del-port tvl3f2a9c1e-7b",
            "ip -force -batch - <<< link del dev t_c3f2a9c1e-7b");
  }

  @Test
  void constructorRejectsNamespaceThatIsNeitherPidNorName() {
    assertThatThrownBy(
            () -> new OvsAccessPortVlanDeviceFactory(runner, seconds(1), "ktb-vm", "tvl", "1 up"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructorRejectsPrefixThatWouldOverflowInterfaceNames() {
    assertThatThrownBy(
            () -> new OvsAccessPortVlanDeviceFactory(runner, seconds(1), "ktb-vm", "toolong"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
