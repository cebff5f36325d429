package org.openstack.kuryr.binding.linux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
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
 * <p>The device does <em>not</em> use the container port's MAC address but one derived from the
 * port ID ({@link #macAddressFor}), reported in {@link PluggedInterface#containerMacAddress()}: on
 * ML2/OVN, an address pair with the container port's own MAC gives two logical flows with the same
 * match (one to the VM port, one to the container port, which OVN makes a virtual port), and
 * whichever OVN keeps decides whether replies reach the container. A derived MAC avoids the
 * conflict and needs no stored state: a restarted daemon derives the same one.
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

  /**
   * The MAC address the container device of port {@code portId} gets: locally administered,
   * unicast, and the same for the same port ID on every host and after every restart.
   */
  public static String macAddressFor(String portId) {
    byte[] digest = sha256(portId.getBytes(StandardCharsets.UTF_8));
    // Set the locally-administered bit and clear the multicast bit of the first octet.
    digest[0] = (byte) ((digest[0] & 0xfc) | 0x02);
    return HexFormat.ofDelimiter(":").formatHex(digest, 0, 6);
  }

  @Override
  public PluggedInterface plug(BoundPort port) {
    String name = names.containerDevice(port.portId());
    String macAddress = macAddressFor(port.portId());
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

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
