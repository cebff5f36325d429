package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.LinkNames;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.host.CommandRunner;

/**
 * Nested VLAN binding, for containers in a VM whose Neutron port is a trunk parent: each
 * container's port is a subport, and its device is a VLAN device on the VM's interface with the
 * subport's segmentation ID, MAC address and MTU.
 *
 * <p>The vif type is not checked: subports are bound by the trunk, not by this host. There is no
 * local readiness signal inside the VM.
 *
 * <p>Thread-safe and stateless.
 */
public final class NestedVlanBinder implements PortBinder {
  private static final Logger LOG = Logger.getLogger(NestedVlanBinder.class.getName());

  private final BindingSettings settings;
  private final String linkInterface;
  private final DeviceNames names;
  private final VlanDeviceFactory devices;
  private final Ethtool ethtool;

  /**
   * A binder for devices on {@code linkInterface} (the VM's interface).
   *
   * @param devices how VLAN devices are made; {@link KernelVlanDeviceFactory} in production
   */
  public NestedVlanBinder(
      CommandRunner runner,
      BindingSettings settings,
      String linkInterface,
      VlanDeviceFactory devices) {
    this.settings = settings;
    this.linkInterface = LinkNames.requireValid(linkInterface, "link interface");
    this.names = DeviceNames.of(settings);
    this.devices = Objects.requireNonNull(devices, "devices");
    this.ethtool = new Ethtool(runner, settings.commandTimeout());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the port has no segmentation ID
   */
  @Override
  public PluggedInterface plug(BoundPort port) {
    VlanDevice device = vlanDevice(port);
    Rollback rollback = new Rollback();
    try {
      if (devices.ensureCreated(device)) {
        rollback.push(
            "delete VLAN device " + device.name(), () -> devices.ensureRemoved(device.name()));
      }
      if (settings.disableTxChecksumOffload()) {
        ethtool.disableTxChecksum(device.name());
      }
      rollback.commit();
    } catch (RuntimeException e) {
      throw rollback.undoAfter(BindingException.wrap("plug port", port.portId(), e));
    }
    LOG.info(
        () ->
            "plugged port "
                + port.portId()
                + ": "
                + device.name()
                + " (VLAN "
                + device.vlanId()
                + " on "
                + linkInterface
                + ")");
    return new PluggedInterface(linkInterface, device.name(), device.macAddress());
  }

  @Override
  public void unplug(BoundPort port) {
    String name = names.containerDevice(port.portId());
    try {
      devices.ensureRemoved(name);
    } catch (RuntimeException e) {
      throw BindingException.wrap("unplug port", port.portId(), e);
    }
    LOG.info(() -> "unplugged port " + port.portId() + " (" + name + ")");
  }

  @Override
  public DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
    return DataplaneState.NOT_OBSERVABLE;
  }

  @Override
  public String containerDeviceName(String portId) {
    return names.containerDevice(portId);
  }

  @Override
  public String hostDeviceName(String portId) {
    return linkInterface;
  }

  private VlanDevice vlanDevice(BoundPort port) {
    if (port.segmentationId() == null) {
      throw new IllegalArgumentException(
          "port " + port.portId() + " has no segmentation ID; nested VLAN mode needs one");
    }
    return new VlanDevice(
        linkInterface,
        names.containerDevice(port.portId()),
        port.segmentationId(),
        port.macAddress(),
        port.mtu());
  }
}
