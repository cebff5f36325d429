package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.List;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.host.CommandRunner;

/**
 * Makes VLAN devices with the kernel's 802.1Q driver: {@code ip link add link <VM interface> name
 * <device> type vlan id <N>}, with the MAC address and MTU in the same execution.
 *
 * <p>Thread-safe.
 */
public final class KernelVlanDeviceFactory implements VlanDeviceFactory {
  private final IpLink ip;

  /** A factory whose commands run through {@code runner}, each bounded by {@code timeout}. */
  public KernelVlanDeviceFactory(CommandRunner runner, Duration commandTimeout) {
    this.ip = new IpLink(runner, commandTimeout);
  }

  @Override
  public boolean ensureCreated(VlanDevice device) {
    if (ip.createVlan(device)) {
      return true;
    }
    verifyExisting(device);
    ip.setAddressAndMtu(device.name(), device.macAddress(), device.mtu());
    return false;
  }

  @Override
  public void ensureRemoved(String deviceName) {
    ip.ensureAbsent(List.of(deviceName));
  }

  private void verifyExisting(VlanDevice device) {
    boolean same =
        ip.show(device.name())
            .map(
                link ->
                    "vlan".equals(link.kind())
                        && device.parentInterface().equals(link.linkName())
                        && Integer.valueOf(device.vlanId()).equals(link.vlanId()))
            .orElse(false);
    if (!same) {
      throw new HostWiringException(
          "cannot create VLAN device "
              + device.name()
              + ": a device of that name exists and is not VLAN "
              + device.vlanId()
              + " on "
              + device.parentInterface(),
          null);
    }
  }
}
