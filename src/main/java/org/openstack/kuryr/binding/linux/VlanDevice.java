package org.openstack.kuryr.binding.linux;

import java.util.Objects;
import org.openstack.kuryr.binding.LinkNames;

/**
 * A container device that carries one VLAN of the VM's interface: what a trunk subport looks like
 * inside the VM.
 *
 * <p>Immutable and thread-safe.
 *
 * @param parentInterface the VM's interface, whose frames carry the VLAN tag
 * @param name the container device's name
 * @param vlanId the subport's segmentation ID, 1 to 4094
 * @param macAddress the subport's MAC address
 * @param mtu the device's MTU in bytes
 */
public record VlanDevice(
    String parentInterface, String name, int vlanId, String macAddress, int mtu) {

  /** Validates the arguments. */
  public VlanDevice {
    LinkNames.requireValid(parentInterface, "parent interface");
    LinkNames.requireValid(name, "VLAN device");
    if (vlanId < 1 || vlanId > 4094) {
      throw new IllegalArgumentException("VLAN ID " + vlanId + " is outside 1..4094");
    }
    Objects.requireNonNull(macAddress, "macAddress");
  }
}
