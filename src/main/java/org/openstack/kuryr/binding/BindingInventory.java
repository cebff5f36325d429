package org.openstack.kuryr.binding;

import java.util.List;

/**
 * What kuryr has wired into this host, found on the host itself, so that a restarted daemon can
 * compare it with Neutron and remove what no port or endpoint owns any more.
 *
 * <p>Implementations are thread-safe. Removals are idempotent: already gone is success.
 */
public interface BindingInventory {

  /**
   * The OVS interfaces marked {@code external_ids:owner=kuryr} (by this product or by the original
   * kuryr); empty when this host does not use Open vSwitch.
   *
   * @throws HostWiringException if Open vSwitch could not be queried
   */
  List<OvsAttachment> ovsAttachments();

  /**
   * The veth, VLAN and macvlan devices in this namespace whose names start with the configured host
   * or container prefix.
   *
   * @throws HostWiringException if the devices could not be listed
   */
  List<HostLink> hostLinks();

  /**
   * Removes the OVS port and the host devices named after the same port.
   *
   * @throws HostWiringException if something exists and could not be removed
   */
  void removeOvsAttachment(OvsAttachment attachment);

  /**
   * Deletes the device (and so its veth peer).
   *
   * @throws HostWiringException if it exists and could not be removed
   */
  void removeHostLink(HostLink link);
}
