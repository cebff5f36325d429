package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.HostProbe.RUNNER;
import static org.openstack.kuryr.binding.linux.HostProbe.externalId;
import static org.openstack.kuryr.binding.linux.HostProbe.link;
import static org.openstack.kuryr.binding.linux.HostProbe.linkExists;
import static org.openstack.kuryr.binding.linux.HostProbe.ovsPortExists;
import static org.openstack.kuryr.binding.linux.HostProbe.ports;
import static org.openstack.kuryr.binding.linux.HostProbe.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.HostLink;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.OvsAttachment;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.CommandRunner;
import tools.jackson.databind.JsonNode;

/** Bare-metal binding against the real kernel and the test bed's Open vSwitch. */
class VethBinderIT {
  private static final int MTU = 1442;

  private final List<String> portIds = new ArrayList<>();
  private final List<String> otherLinks = new ArrayList<>();
  private String bridge;
  private String netns;
  private BindingSettings settings;
  private VethBinder binder;

  @BeforeAll
  static void requireTestBed() {
    HostProbe.requireOpenVswitch();
  }

  @BeforeEach
  void createScratchBridge() {
    bridge = HostProbe.createScratchBridge();
    settings = BindingSettings.defaults().withIntegrationBridge(bridge);
    binder = new VethBinder(RUNNER, settings);
  }

  @AfterEach
  void removeEverythingThisTestCreated() {
    for (String portId : portIds) {
      HostProbe.deleteLinks(devicesOf(portId));
    }
    HostProbe.deleteLinks(otherLinks);
    HostProbe.deleteBridge(bridge);
    if (netns != null) {
      HostProbe.runQuietly("ip", "netns", "del", netns);
    }
  }

  @Test
  void plugOvsPortCreatesConfiguredVethOnBridgeWithExternalIds() {
    BoundPort port = newPort("ovs", Map.of());

    PluggedInterface plugged = binder.plug(port);

    JsonNode hostEnd = link(plugged.hostDeviceName()).orElseThrow();
    JsonNode containerEnd = link(plugged.containerDeviceName()).orElseThrow();
    assertThat(hostEnd.path("linkinfo").path("info_kind").asString()).isEqualTo("veth");
    assertThat(hostEnd.path("link").asString()).isEqualTo(plugged.containerDeviceName());
    assertThat(hostEnd.path("flags").values()).anyMatch(flag -> flag.asString().equals("UP"));
    assertThat(hostEnd.path("mtu").asInt()).isEqualTo(MTU);
    assertThat(containerEnd.path("address").asString()).isEqualTo(port.macAddress());
    assertThat(containerEnd.path("mtu").asInt()).isEqualTo(MTU);
    assertThat(HostProbe.txChecksumOff(plugged.containerDeviceName())).isTrue();

    assertThat(ports(bridge)).containsExactly(plugged.hostDeviceName());
    String iface = plugged.hostDeviceName();
    assertThat(externalId(iface, "iface-id")).isEqualTo(port.portId());
    assertThat(externalId(iface, "attached-mac")).isEqualTo(port.macAddress());
    assertThat(externalId(iface, "iface-status")).isEqualTo("active");
    assertThat(externalId(iface, "vm-uuid")).isEqualTo(port.endpointId());
    assertThat(externalId(iface, "owner")).isEqualTo("kuryr");
  }

  @Test
  void unplugLeavesNoDeviceAndNoOvsPort() {
    BoundPort port = newPort("ovs", Map.of());
    PluggedInterface plugged = binder.plug(port);

    binder.unplug(port);

    assertThat(linkExists(plugged.hostDeviceName())).isFalse();
    assertThat(linkExists(plugged.containerDeviceName())).isFalse();
    assertThat(ports(bridge)).isEmpty();
  }

  @Test
  void unplugTwiceSucceeds() {
    BoundPort port = newPort("ovs", Map.of());
    binder.plug(port);

    binder.unplug(port);
    binder.unplug(port);

    assertThat(linkExists(hostVeth(port))).isFalse();
  }

  @Test
  void plugTwiceSucceedsAndKeepsOneOvsPort() {
    BoundPort port = newPort("ovs", Map.of());

    binder.plug(port);
    PluggedInterface again = binder.plug(port);

    assertThat(ports(bridge)).containsExactly(again.hostDeviceName());
    assertThat(link(again.containerDeviceName()).orElseThrow().path("address").asString())
        .isEqualTo(port.macAddress());
  }

  @Test
  void plugAgainAfterContainerEndMovedToNamespaceSucceedsAndOffloadSettingTravels() {
    BoundPort port = newPort("ovs", Map.of());
    PluggedInterface plugged = binder.plug(port);
    netns = "kbind-" + HostProbe.randomHex(8);
    run("ip", "netns", "add", netns);
    run("ip", "link", "set", "dev", plugged.containerDeviceName(), "netns", netns);

    binder.plug(port);

    assertThat(HostProbe.txChecksumOffIn(netns, plugged.containerDeviceName())).isTrue();
    assertThat(ports(bridge)).containsExactly(plugged.hostDeviceName());
    binder.unplug(port);
    assertThat(run("ip", "-n", netns, "link", "show"))
        .doesNotContain(port.portId().substring(0, 11));
  }

  @Test
  void plugIntoMissingBridgeFailsAndLeavesNoVeth() {
    BoundPort port = newPort("ovs", Map.of("bridge_name", "ktb-absent"));

    assertThatThrownBy(() -> binder.plug(port))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("ktb-absent");

    assertThat(linkExists(hostVeth(port))).isFalse();
    assertThat(linkExists(containerVeth(port))).isFalse();
    assertThat(ovsPortExists(hostVeth(port))).isFalse();
  }

  @Test
  void failureInjectedAfterVethCreationLeavesNoVeth() {
    BoundPort port = newPort("ovs", Map.of());
    VethBinder failingAtOffload = new VethBinder(failing(RUNNER, "ethtool"), settings);

    assertThatThrownBy(() -> failingAtOffload.plug(port))
        .isInstanceOf(HostWiringException.class)
        .hasMessageContaining("injected");

    assertThat(linkExists(hostVeth(port))).isFalse();
    assertThat(linkExists(containerVeth(port))).isFalse();
    assertThat(ports(bridge)).isEmpty();
  }

  @Test
  void plugHybridPortBuildsQbrQvbQvoAndUnplugRemovesThemAll() {
    BoundPort port = newPort("ovs", Map.of("ovs_hybrid_plug", true));
    String suffix = port.portId().substring(0, 11);

    binder.plug(port);

    assertThat(link("tap" + suffix).orElseThrow().path("master").asString())
        .isEqualTo("qbr" + suffix);
    assertThat(link("qvb" + suffix).orElseThrow().path("master").asString())
        .isEqualTo("qbr" + suffix);
    assertThat(link("qvo" + suffix).orElseThrow().path("flags").values())
        .anyMatch(flag -> flag.asString().equals("UP"));
    assertThat(ports(bridge)).containsExactly("qvo" + suffix);
    assertThat(externalId("qvo" + suffix, "iface-id")).isEqualTo(port.portId());

    binder.unplug(port);

    assertThat(List.of("tap", "t_c", "qbr", "qvb", "qvo"))
        .noneMatch(prefix -> linkExists(prefix + suffix));
    assertThat(ports(bridge)).isEmpty();
  }

  @Test
  void plugLinuxBridgePortEnslavesHostEndToNetworkBridgeThatOutlivesUnplug() {
    BoundPort port = newPort("bridge", Map.of());
    String networkBridge = "brq" + port.networkId().substring(0, 11);
    otherLinks.add(networkBridge);

    binder.plug(port);

    assertThat(link(hostVeth(port)).orElseThrow().path("master").asString())
        .isEqualTo(networkBridge);
    binder.unplug(port);
    assertThat(linkExists(hostVeth(port))).isFalse();
    assertThat(linkExists(networkBridge)).isTrue();
  }

  @Test
  void inventoryFindsPluggedPortAndRemovesItsLeftovers() {
    BoundPort port = newPort("ovs", Map.of());
    binder.plug(port);
    LinuxBindingInventory inventory = new LinuxBindingInventory(RUNNER, settings, true);

    OvsAttachment attachment =
        inventory.ovsAttachments().stream()
            .filter(found -> port.portId().equals(found.portId()))
            .findFirst()
            .orElseThrow();
    List<HostLink> links =
        inventory.hostLinks().stream()
            .filter(found -> found.name().endsWith(port.portId().substring(0, 11)))
            .toList();

    assertThat(attachment)
        .isEqualTo(new OvsAttachment(hostVeth(port), port.portId(), port.endpointId()));
    assertThat(links).extracting(HostLink::name).containsOnly(hostVeth(port), containerVeth(port));
    inventory.removeOvsAttachment(attachment);
    assertThat(ports(bridge)).isEmpty();
    assertThat(linkExists(hostVeth(port))).isFalse();
  }

  private BoundPort newPort(String vifType, Map<String, Object> vifDetails) {
    String portId = HostProbe.markedId();
    portIds.add(portId);
    String mac = "fa:16:3e:" + HostProbe.randomHex(2) + ":" + HostProbe.randomHex(2) + ":01";
    return new BoundPort(
        portId, HostProbe.markedId(), "kbind-it-endpoint", mac, MTU, vifType, vifDetails, null);
  }

  private static String hostVeth(BoundPort port) {
    return "tap" + port.portId().substring(0, 11);
  }

  private static String containerVeth(BoundPort port) {
    return "t_c" + port.portId().substring(0, 11);
  }

  private static List<String> devicesOf(String portId) {
    String suffix = portId.substring(0, 11);
    return List.of("tap" + suffix, "t_c" + suffix, "qvb" + suffix, "qbr" + suffix);
  }

  /** A runner on which every run of {@code program} fails, as if the host refused it. */
  static CommandRunner failing(CommandRunner delegate, String program) {
    return command -> {
      if (command.argv().getFirst().equals(program)) {
        throw CommandFailedException.exited(command.argv(), 1, "injected failure");
      }
      return delegate.run(command);
    };
  }
}
