package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.HostProbe.RUNNER;
import static org.openstack.kuryr.binding.linux.HostProbe.link;
import static org.openstack.kuryr.binding.linux.HostProbe.linkExists;
import static org.openstack.kuryr.binding.linux.HostProbe.ports;
import static org.openstack.kuryr.binding.linux.HostProbe.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.PluggedInterface;
import tools.jackson.databind.JsonNode;

/**
 * Nested-mode bindings against the real kernel. The "VM interface" is a veth of the test's own; the
 * VLAN layer of the VM is played by a scratch OVS bridge, as this kernel may lack 802.1Q.
 */
class NestedBindersIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int MTU = 1442;

  private final BindingSettings settings = BindingSettings.defaults();
  private final List<String> createdLinks = new ArrayList<>();
  private String vmInterface;
  private String bridge;

  @BeforeAll
  static void requireTestBed() {
    HostProbe.requireOpenVswitch();
  }

  @BeforeEach
  void createVmInterface() {
    String suffix = HostProbe.randomHex(8);
    vmInterface = "kbv" + suffix;
    createdLinks.add(vmInterface);
    run("ip", "link", "add", vmInterface, "up", "type", "veth", "peer", "name", "kbw" + suffix);
  }

  @AfterEach
  void removeEverythingThisTestCreated() {
    HostProbe.deleteLinks(createdLinks);
    if (bridge != null) {
      HostProbe.deleteBridge(bridge);
    }
  }

  @Test
  void macvlanPlugCreatesBridgeModeMacvlanWithGivenMacAndUnplugRemovesIt() {
    BoundPort neutronPort = newPort();
    String containerMac =
        "02:42:0a:" + HostProbe.randomHex(2) + ":" + HostProbe.randomHex(2) + ":05";
    BoundPort port = withMac(neutronPort, containerMac);
    NestedMacvlanBinder binder = new NestedMacvlanBinder(RUNNER, settings, vmInterface);

    PluggedInterface plugged = binder.plug(port);

    JsonNode device = link(plugged.containerDeviceName()).orElseThrow();
    assertThat(device.path("linkinfo").path("info_kind").asString()).isEqualTo("macvlan");
    assertThat(device.path("linkinfo").path("info_data").path("mode").asString())
        .isEqualTo("bridge");
    assertThat(device.path("link").asString()).isEqualTo(vmInterface);
    assertThat(device.path("address").asString())
        .isEqualTo(containerMac)
        .isEqualTo(plugged.containerMacAddress())
        .isNotEqualTo(neutronPort.macAddress());
    assertThat(device.path("mtu").asInt()).isEqualTo(MTU);
    assertThat(HostProbe.txChecksumOff(vmInterface)).isTrue();

    binder.plug(port);
    binder.unplug(port);
    binder.unplug(port);

    assertThat(linkExists(plugged.containerDeviceName())).isFalse();
  }

  @Test
  void macvlanPlugFailingAfterCreationLeavesNoDevice() {
    BoundPort port = newPort();
    NestedMacvlanBinder binder =
        new NestedMacvlanBinder(VethBinderIT.failing(RUNNER, "ethtool"), settings, vmInterface);

    assertThatThrownBy(() -> binder.plug(port)).isInstanceOf(HostWiringException.class);

    assertThat(linkExists(binder.containerDeviceName(port.portId()))).isFalse();
  }

  @Test
  void vlanPlugWithTestBedStandInAttachesTaggedAccessPortAndUnplugRemovesIt() {
    bridge = HostProbe.createScratchBridge();
    BoundPort subport = newPort().withSegmentationId(101);
    String accessPort = "tvl" + subport.portId().substring(0, 11);
    NestedVlanBinder binder =
        new NestedVlanBinder(
            RUNNER,
            settings,
            vmInterface,
            new OvsAccessPortVlanDeviceFactory(RUNNER, TIMEOUT, bridge, "tvl"));

    PluggedInterface plugged = binder.plug(subport);

    JsonNode device = link(plugged.containerDeviceName()).orElseThrow();
    assertThat(device.path("address").asString()).isEqualTo(subport.macAddress());
    assertThat(device.path("mtu").asInt()).isEqualTo(MTU);
    assertThat(HostProbe.txChecksumOff(plugged.containerDeviceName())).isTrue();
    assertThat(ports(bridge)).containsExactly(accessPort);
    assertThat(run("ovs-vsctl", "--timeout=10", "get", "Port", accessPort, "tag").strip())
        .isEqualTo("101");

    binder.plug(subport);
    binder.unplug(subport);

    assertThat(linkExists(plugged.containerDeviceName())).isFalse();
    assertThat(linkExists(accessPort)).isFalse();
    assertThat(ports(bridge)).isEmpty();
  }

  /**
   * Where the kernel has 802.1Q, the device must be right; where it has not (this test bed's
   * kernel), the failure must be the kernel's refusal and leave nothing behind.
   */
  @Test
  void vlanPlugWithKernelDeviceEitherCreatesVlanDeviceOrFailsCleanly() {
    BoundPort subport = newPort().withSegmentationId(101);
    NestedVlanBinder binder =
        new NestedVlanBinder(
            RUNNER, settings, vmInterface, new KernelVlanDeviceFactory(RUNNER, TIMEOUT));
    String name = binder.containerDeviceName(subport.portId());

    try {
      binder.plug(subport);
      JsonNode device = link(name).orElseThrow();
      assertThat(device.path("linkinfo").path("info_data").path("id").asInt()).isEqualTo(101);
      assertThat(device.path("address").asString()).isEqualTo(subport.macAddress());
      binder.unplug(subport);
    } catch (HostWiringException e) {
      assertThat(e).hasMessageContaining("Unknown device type");
    }

    assertThat(linkExists(name)).isFalse();
  }

  private static BoundPort withMac(BoundPort port, String mac) {
    return new BoundPort(
        port.portId(),
        port.networkId(),
        port.endpointId(),
        mac,
        port.mtu(),
        port.vifType(),
        port.vifDetails(),
        port.segmentationId());
  }

  private BoundPort newPort() {
    String portId = HostProbe.markedId();
    createdLinks.add(settings.containerVethPrefix() + portId.substring(0, 11));
    createdLinks.add("tvl" + portId.substring(0, 11));
    String mac = "fa:16:3e:" + HostProbe.randomHex(2) + ":" + HostProbe.randomHex(2) + ":02";
    return new BoundPort(
        portId, HostProbe.markedId(), "kbind-it-endpoint", mac, MTU, "unbound", Map.of(), null);
  }
}
