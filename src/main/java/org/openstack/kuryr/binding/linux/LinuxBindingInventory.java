package org.openstack.kuryr.binding.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BindingInventory;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.HostLink;
import org.openstack.kuryr.binding.OvsAttachment;
import org.openstack.kuryr.host.CommandRunner;

/**
 * Finds kuryr's devices on this host with {@code ip} and {@code ovs-vsctl}.
 *
 * <p>Only veth, VLAN and macvlan devices are listed: Nova's VM devices use the same {@code tap}
 * prefix but are tun devices, and must never be touched.
 *
 * <p>Thread-safe and stateless.
 */
public final class LinuxBindingInventory implements BindingInventory {
  private static final Set<String> KINDS = Set.of("veth", "vlan", "macvlan");

  private final DeviceNames names;
  private final IpLink ip;
  private final OvsVsctl ovs;
  private final boolean openVswitchInUse;

  /**
   * An inventory of this host.
   *
   * @param openVswitchInUse whether this host plugs into Open vSwitch (false in nested modes and
   *     with Linux bridge), so that hosts without it are not asked about it
   */
  public LinuxBindingInventory(
      CommandRunner runner, BindingSettings settings, boolean openVswitchInUse) {
    this.names = DeviceNames.of(settings);
    this.ip = new IpLink(runner, settings.commandTimeout());
    this.ovs = new OvsVsctl(runner, settings.commandTimeout());
    this.openVswitchInUse = openVswitchInUse;
  }

  @Override
  public List<OvsAttachment> ovsAttachments() {
    if (!openVswitchInUse) {
      return List.of();
    }
    try {
      return ovs.findOwned();
    } catch (RuntimeException e) {
      throw BindingException.wrap("list", "the OVS interfaces owned by kuryr", e);
    }
  }

  @Override
  public List<HostLink> hostLinks() {
    try {
      return ip.list().stream()
          .filter(link -> link.kind() != null && KINDS.contains(link.kind()))
          .map(this::toHostLink)
          .filter(Objects::nonNull)
          .toList();
    } catch (RuntimeException e) {
      throw BindingException.wrap("list", "kuryr's host devices", e);
    }
  }

  @Override
  public void removeOvsAttachment(OvsAttachment attachment) {
    String iface = attachment.interfaceName();
    try {
      ovs.ensurePortsAbsent(List.of(iface));
      ip.ensureAbsent(devicesOf(iface));
    } catch (RuntimeException e) {
      throw BindingException.wrap("remove OVS interface", iface, e);
    }
  }

  @Override
  public void removeHostLink(HostLink link) {
    try {
      ip.ensureAbsent(List.of(link.name()));
    } catch (RuntimeException e) {
      throw BindingException.wrap("remove device", link.name(), e);
    }
  }

  private HostLink toHostLink(LinkState link) {
    for (String prefix : List.of(names.hostPrefix(), names.containerPrefix())) {
      if (link.name().startsWith(prefix) && link.name().length() > prefix.length()) {
        return new HostLink(link.name(), link.kind(), link.name().substring(prefix.length()));
      }
    }
    return null;
  }

  /** The host devices plugged with an OVS interface: with hybrid plugging, three more. */
  private List<String> devicesOf(String iface) {
    List<String> devices = new ArrayList<>(List.of(iface));
    String hybridPrefix = DeviceNames.hybridOvsVeth("");
    if (iface.startsWith(hybridPrefix)) {
      String portIdPrefix = iface.substring(hybridPrefix.length());
      devices.add(DeviceNames.hybridBridgeVeth(portIdPrefix));
      devices.add(names.hostVeth(portIdPrefix));
      devices.add(DeviceNames.hybridBridge(portIdPrefix));
    }
    return devices;
  }
}
