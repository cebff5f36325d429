package org.openstack.kuryr.binding.linux;

/**
 * How nested VLAN mode makes a container's VLAN device. Replaceable, because where the kernel lacks
 * 802.1Q support a test bed has to stand in for it (see {@link OvsAccessPortVlanDeviceFactory});
 * production uses {@link KernelVlanDeviceFactory}.
 *
 * <p>Implementations are thread-safe.
 */
public interface VlanDeviceFactory {

  /**
   * Creates the device, or verifies and updates an existing one of the same name. On failure,
   * whatever this call created is removed.
   *
   * @return whether this call created it (so the caller's rollback should remove it)
   * @throws org.openstack.kuryr.host.CommandFailedException if a host command failed
   * @throws org.openstack.kuryr.binding.HostWiringException if a conflicting device exists
   */
  boolean ensureCreated(VlanDevice device);

  /**
   * Removes the device named {@code deviceName} and anything created with it; already gone is
   * success.
   *
   * @throws org.openstack.kuryr.host.CommandFailedException if a host command failed
   */
  void ensureRemoved(String deviceName);
}
