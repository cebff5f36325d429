package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.binding.linux.TestPorts.SETTINGS;

import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.HostLink;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.OvsAttachment;
import org.openstack.kuryr.host.RecordingCommandRunner;

class LinuxBindingInventoryTest {
  private static final String FIND_OUTPUT =
      """
      {"data":[["tap3f2a9c1e-7b",["map",[["attached-mac","fa:16:3e:12:34:56"],\
      ["iface-id","3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b"],["iface-status","active"],\
      ["owner","kuryr"],["vm-uuid","5b7d"]]]],\
      ["tapabc",["map",[["owner","kuryr"]]]]],"headings":["name","external_ids"]}
      """;

  private final RecordingCommandRunner runner = new RecordingCommandRunner();
  private final LinuxBindingInventory inventory = new LinuxBindingInventory(runner, SETTINGS, true);

  @Test
  void ovsAttachmentsListsInterfacesOwnedByKuryrWithTheirIds() {
    runner.whenCommandStartsWith("ovs-vsctl").thenPrint(FIND_OUTPUT);

    assertThat(inventory.ovsAttachments())
        .containsExactly(
            new OvsAttachment("tap3f2a9c1e-7b", "3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b", "5b7d"),
            new OvsAttachment("tapabc", null, null));
    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=10 --format=json --data=json --columns=name,external_ids"
                + " -- find Interface external_ids:owner=kuryr");
  }

  @Test
  void ovsAttachmentsIsEmptyWithoutAskingWhenHostDoesNotUseOpenVswitch() {
    LinuxBindingInventory withoutOvs = new LinuxBindingInventory(runner, SETTINGS, false);

    assertThat(withoutOvs.ovsAttachments()).isEmpty();
    assertThat(runner.lines()).isEmpty();
  }

  @Test
  void ovsAttachmentsFailsWithBindingErrorWhenOvsdbIsDown() {
    runner.whenCommandStartsWith("ovs-vsctl").thenFail(1, "database connection failed");

    assertThatThrownBy(inventory::ovsAttachments)
        .isInstanceOf(HostWiringException.class)
        .hasMessageStartingWith("failed to list the OVS interfaces owned by kuryr: ");
  }

  @Test
  void hostLinksListsOnlyPrefixedVethVlanAndMacvlanDevices() {
    runner
        .whenCommandStartsWith("ip -json -details link show")
        .thenPrint(
            "["
                + link("lo", null)
                + ","
                + link("tap3f2a9c1e-7b", "veth")
                + ","
                + link("tapnova000001", "tun")
                + ","
                + link("t_c3f2a9c1e-7b", "veth")
                + ","
                + link("t_c0123456789", "macvlan")
                + ","
                + link("veth12ab", "veth")
                + ","
                + link("tap", "veth")
                + "]");

    assertThat(inventory.hostLinks())
        .containsExactly(
            new HostLink("tap3f2a9c1e-7b", "veth", "3f2a9c1e-7b"),
            new HostLink("t_c3f2a9c1e-7b", "veth", "3f2a9c1e-7b"),
            new HostLink("t_c0123456789", "macvlan", "0123456789"));
  }

  @Test
  void removeOvsAttachmentDeletesPortAndDevice() {
    inventory.removeOvsAttachment(new OvsAttachment("tap3f2a9c1e-7b", null, null));

    assertThat(runner.lines())
        .containsExactly(
            "ovs-vsctl --timeout=10 -- --if-exists del-port tap3f2a9c1e-7b",
            "ip -force -batch - <<< link del dev tap3f2a9c1e-7b");
  }

  @Test
  void removeOvsAttachmentOfHybridPlugDeletesPerPortBridgeAndVeths() {
    inventory.removeOvsAttachment(new OvsAttachment("qvo3f2a9c1e-7b", null, null));

    assertThat(runner.lines().getLast())
        .isEqualTo(
            "ip -force -batch - <<< link del dev qvo3f2a9c1e-7b\n"
                + "link del dev qvb3f2a9c1e-7b\n"
                + "link del dev tap3f2a9c1e-7b\n"
                + "link del dev qbr3f2a9c1e-7b");
  }

  @Test
  void removeHostLinkToleratesMissingDevice() {
    runner
        .whenCommandStartsWith("ip -force -batch")
        .thenFail(1, "Cannot find device \"t_c0123456789\"\nCommand failed -:1\n");

    inventory.removeHostLink(new HostLink("t_c0123456789", "macvlan", "0123456789"));

    assertThat(runner.lines()).hasSize(1);
  }

  private static String link(String name, String kind) {
    String info = kind == null ? "" : ",\"linkinfo\":{\"info_kind\":\"" + kind + "\"}";
    return "{\"ifname\":\"" + name + "\"" + info + "}";
  }
}
