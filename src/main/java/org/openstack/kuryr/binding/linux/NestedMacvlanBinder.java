package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.LinkNames;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.host.CommandRunner;

/**
 * Nested macvlan binding, for containers in a VM: each container device is a macvlan (bridge mode)
 * on the VM's interface, and its traffic passes the VM port's port security because the caller adds
 * the container's (IP address, MAC address) to the VM port's allowed address pairs.
 *
 * <p>The device gets the MAC address of the {@link BoundPort}, which the caller chooses, and which
 * must <em>not</em> be the container port's own Neutron MAC address: on ML2/OVN, an address pair
 * with the container port's MAC gives two logical flows with the same match (one to the VM port,
 * one to the container port, which OVN makes a virtual port), and whichever OVN keeps decides
 * whether replies reach the container. Docker sets the MAC address it chose on the device when it
 * moves it into the container, so the caller passes Docker's MAC, or one of its own where Docker
 * chose none.
 *
 * <p>Known limitation of macvlan: a container cannot reach its own VM's address.
 *
 * <p>Thread-safe and stateless.
 */
public final class NestedMacvlanBinder implements PortBinder {
  private static final Logger LOG = Logger.getLogger(NestedMacvlanBinder.class.getName());

  private final BindingSettings settings;
  private final String linkInterface;
  private final DeviceNames names;
  private final IpLink ip;
  private final Ethtool ethtool;

  /** A binder for devices on {@code linkInterface} (the VM's interface). */
  public NestedMacvlanBinder(CommandRunner runner, BindingSettings settings, String linkInterface) {
    this.settings = settings;
    this.linkInterface = LinkNames.requireValid(linkInterface, "link interface");
    this.names = DeviceNames.of(settings);
    this.ip = new IpLink(runner, settings.commandTimeout());
    this.ethtool = new Ethtool(runner, settings.commandTimeout());
  }

  @Override
  public PluggedInterface plug(BoundPort port) {
    String name = names.containerDevice(port.portId());
    String macAddress = port.macAddress();
    Rollback rollback = new Rollback();
    try {
      ensureMacvlan(name, macAddress, port.mtu(), rollback);
      if (settings.disableTxChecksumOffload()) {
        // A macvlan's checksum offload cannot be changed; turning it off on the parent makes
        // the kernel complete checksums before frames leave through it.
        ethtool.disableTxChecksum(linkInterface);
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
                + name
                + " (macvlan on "
                + linkInterface
                + ", MAC "
                + macAddress
                + ")");
    return new PluggedInterface(linkInterface, name, macAddress);
  }

  @Override
  public void unplug(BoundPort port) {
    String name = names.containerDevice(port.portId());
    try {
      ip.ensureAbsent(List.of(name));
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

  private void ensureMacvlan(String name, String macAddress, int mtu, Rollback rollback) {
    if (ip.createMacvlan(linkInterface, name, macAddress, mtu)) {
      rollback.push("delete macvlan " + name, () -> ip.ensureAbsent(List.of(name)));
      return;
    }
    boolean same =
        ip.show(name)
            .map(link -> "macvlan".equals(link.kind()) && linkInterface.equals(link.linkName()))
            .orElse(false);
    if (!same) {
      throw new HostWiringException(
          "cannot create macvlan "
              + name
              + ": a device of that name exists and is not a macvlan on "
              + linkInterface,
          null);
    }
    ip.setAddressAndMtu(name, macAddress, mtu);
  }
}
