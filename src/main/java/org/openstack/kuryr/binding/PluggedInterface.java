package org.openstack.kuryr.binding;

import java.util.Objects;

/**
 * The devices a plug produced.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostDeviceName the device that stays in the host's namespace: the host end of the veth
 *     pair, or in nested modes the VM's network interface the container device sits on
 * @param containerDeviceName the device Docker moves into the container (Join's {@code SrcName})
 * @param containerMacAddress the MAC address of the container device: the Neutron port's MAC,
 *     except in nested macvlan mode, where it is the MAC the caller chose for the container
 */
public record PluggedInterface(
    String hostDeviceName, String containerDeviceName, String containerMacAddress) {

  /** Validates the arguments. */
  public PluggedInterface {
    Objects.requireNonNull(hostDeviceName, "hostDeviceName");
    Objects.requireNonNull(containerDeviceName, "containerDeviceName");
    Objects.requireNonNull(containerMacAddress, "containerMacAddress");
  }
}
