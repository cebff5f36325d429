package org.openstack.kuryr.binding;

import java.time.Duration;

/**
 * Wires a bound Neutron port's container interface into this host's datapath, and unwires it.
 *
 * <p>Implementations are thread-safe and keep no state between calls: everything they need is
 * derived from the {@link BoundPort} and from what exists on the host. Calls for different ports
 * may run concurrently; callers must not plug and unplug the same port concurrently.
 *
 * <p>All methods throw {@link BindingException} on failure and never return null.
 */
public interface PortBinder {

  /**
   * Creates (or verifies) the devices of {@code port} and attaches them to the datapath.
   *
   * <p>Idempotent: plugging a port that is already plugged succeeds and leaves it plugged. On
   * failure, every device and attachment this call created is removed before the exception
   * propagates; what existed before the call is left alone.
   *
   * @throws UnsupportedVifTypeException if the port's vif type cannot be plugged by this binder
   * @throws HostWiringException if a host command failed
   */
  PluggedInterface plug(BoundPort port);

  /**
   * Detaches and deletes the devices of {@code port}. Devices already gone are not an error.
   *
   * @throws HostWiringException if a device exists and could not be removed
   */
  void unplug(BoundPort port);

  /**
   * Waits at most {@code timeout} for the datapath to report {@code port} ready to forward.
   *
   * @return {@link DataplaneState#NOT_OBSERVABLE} at once when this host has no such signal
   * @throws HostWiringException if the host could not be asked
   */
  DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout);

  /** The name of the device {@link #plug} creates for the container, from the port ID alone. */
  String containerDeviceName(String portId);

  /**
   * The name of the device that stays on the host for the port, from the port ID alone: the host
   * end of its veth, or in nested modes the VM's interface.
   */
  String hostDeviceName(String portId);
}
