package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BindingInventory;
import org.openstack.kuryr.binding.HostLink;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.OvsAttachment;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/** What a daemon that stopped abruptly left plugged: removed unless an endpoint claims its port. */
class HostLeftoversTest {
  private final FakeNeutron neutron = new FakeNeutron();
  private final Subnet subnet = neutron.createNetworkWithSubnet("10.5.0.0/24", List.of());
  private final Inventory inventory = new Inventory();

  private Port port(List<String> tags) {
    return neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(subnet.networkId())
                .fixedIps(List.of(FixedIp.onSubnet(subnet.id())))
                .deviceOwner(KuryrTags.DEVICE_OWNER)
                .bindingHostId("host-1")
                .tags(tags)
                .build());
  }

  private OvsAttachment plugged(String portId) {
    var attachment = new OvsAttachment("tap" + portId.substring(0, 11), portId, "endpoint");
    inventory.attachments.add(attachment);
    return attachment;
  }

  @Test
  void devicesOfGoneReleasedAndFreePortsGoThoseOfClaimedPortsStay() {
    var claimedTags = new ArrayList<>(KuryrTags.idTags("ab".repeat(32)));
    claimedTags.add(KuryrTags.POOL_PORT);
    OvsAttachment claimed = plugged(port(claimedTags).id());
    OvsAttachment claimedUnpooled = plugged(port(KuryrTags.idTags("cd".repeat(32))).id());
    OvsAttachment released = plugged(port(List.of(KuryrTags.RELEASED_PORT)).id());
    OvsAttachment free = plugged(port(List.of(KuryrTags.POOL_PORT)).id());
    OvsAttachment gone = plugged("0123456789ab-cdef-0123-4567-89abcdef0123");

    int removed = HostLeftovers.remove(neutron, inventory);

    assertThat(removed).isEqualTo(3);
    assertThat(inventory.removed).containsExactlyInAnyOrder(released, free, gone);
    assertThat(inventory.removed).doesNotContain(claimed, claimedUnpooled);
  }

  @Test
  void nothingIsRemovedWhenNeutronCannotTell() {
    plugged(port(List.of(KuryrTags.RELEASED_PORT)).id());
    neutron.failOn("GET", "ports", 1, 503, null);

    assertThat(HostLeftovers.remove(neutron, inventory)).isZero();
    assertThat(inventory.removed).isEmpty();
  }

  /** The host's devices as the test sets them. */
  private static final class Inventory implements BindingInventory {
    final List<OvsAttachment> attachments = new ArrayList<>();
    final List<OvsAttachment> removed = new ArrayList<>();

    @Override
    public List<OvsAttachment> ovsAttachments() {
      return List.copyOf(attachments);
    }

    @Override
    public List<HostLink> hostLinks() {
      return List.of();
    }

    @Override
    public void removeOvsAttachment(OvsAttachment attachment) {
      removed.add(attachment);
    }

    @Override
    public void removeHostLink(HostLink link) {
      throw new HostWiringException("not expected", null);
    }
  }
}
