package org.openstack.kuryr.binding.linux;

import static org.openstack.kuryr.binding.BindingSettings.PORT_ID_CHARS_IN_NAMES;

import java.time.Duration;
import java.util.List;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.LinkNames;
import org.openstack.kuryr.host.CommandRunner;

/**
 * <strong>For test beds only.</strong> Stands in for a VLAN device on kernels without 802.1Q
 * support: the container device is one end of a veth pair whose other end is an access port ({@code
 * tag=<VLAN ID>}) of an Open vSwitch bridge that plays the VM's VLAN layer, i.e. the bridge whose
 * trunk port leads to the VM port's interface on the integration bridge.
 *
 * <p>The VM interface of the {@link VlanDevice} is not used: the tagging bridge replaces it.
 *
 * <p>When the daemon runs in the "VM" (a network namespace of the test bed) while the bridge's
 * ovs-vswitchd runs in the host's namespace, the access port must be created there: ovs-vswitchd
 * opens the ports of a userspace-datapath bridge by name in its own namespace. The veth pair is
 * then made across the two namespaces in one execution ({@code ip link add ... netns N}); {@code
 * ovs-vsctl} reaches the database through its Unix socket from any namespace.
 *
 * <p>Thread-safe.
 */
public final class OvsAccessPortVlanDeviceFactory implements VlanDeviceFactory {
  private final IpLink ip;
  private final OvsVsctl ovs;
  private final String taggingBridge;
  private final String accessPortPrefix;
  private final String bridgeNamespace;

  /**
   * A factory that attaches access ports to {@code taggingBridge}, in this network namespace.
   *
   * @param accessPortPrefix prefix of the bridge-side veth ends' names, 1 to 4 characters; they end
   *     with the same 11 port ID characters as the container device
   */
  public OvsAccessPortVlanDeviceFactory(
      CommandRunner runner,
      Duration commandTimeout,
      String taggingBridge,
      String accessPortPrefix) {
    this(runner, commandTimeout, taggingBridge, accessPortPrefix, null);
  }

  /**
   * A factory that attaches access ports to {@code taggingBridge}, whose Open vSwitch runs in
   * {@code bridgeNamespace}.
   *
   * @param accessPortPrefix prefix of the bridge-side veth ends' names, 1 to 4 characters
   * @param bridgeNamespace the network namespace of the bridge's ovs-vswitchd: a process ID (such
   *     as {@code 1} for the host's) or a name under {@code /run/netns}; {@code null} for this one
   */
  public OvsAccessPortVlanDeviceFactory(
      CommandRunner runner,
      Duration commandTimeout,
      String taggingBridge,
      String accessPortPrefix,
      String bridgeNamespace) {
    this.ip = new IpLink(runner, commandTimeout);
    this.ovs = new OvsVsctl(runner, commandTimeout);
    this.taggingBridge = LinkNames.requireValid(taggingBridge, "tagging bridge");
    LinkNames.requireValid(accessPortPrefix, "access port prefix");
    if (accessPortPrefix.length() > LinkNames.MAX_LENGTH - PORT_ID_CHARS_IN_NAMES) {
      throw new IllegalArgumentException("access port prefix is longer than 4 characters");
    }
    this.accessPortPrefix = accessPortPrefix;
    if (bridgeNamespace != null && !bridgeNamespace.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "bridge namespace '" + bridgeNamespace + "' is not a process ID or namespace name");
    }
    this.bridgeNamespace = bridgeNamespace;
  }

  @Override
  public boolean ensureCreated(VlanDevice device) {
    String accessPort = accessPortFor(device.name());
    VethPair veth =
        new VethPair(accessPort, device.name(), device.macAddress(), device.mtu(), null);
    boolean created = ip.createVeth(veth, bridgeNamespace);
    if (!created) {
      verifyExisting(veth);
    }
    try {
      ovs.addAccessPort(taggingBridge, accessPort, device.vlanId());
    } catch (RuntimeException e) {
      if (created) {
        // Deleting the end in this namespace deletes its peer, wherever that is.
        ip.ensureAbsent(List.of(device.name()));
      }
      throw e;
    }
    return created;
  }

  @Override
  public void ensureRemoved(String deviceName) {
    String accessPort = accessPortFor(deviceName);
    ovs.ensurePortsAbsent(List.of(accessPort));
    ip.ensureAbsent(
        bridgeNamespace == null ? List.of(accessPort, deviceName) : List.of(deviceName));
  }

  private String accessPortFor(String deviceName) {
    return accessPortPrefix + deviceName.substring(deviceName.length() - PORT_ID_CHARS_IN_NAMES);
  }

  // With the access port in another namespace only the container end can be looked at here.
  private void verifyExisting(VethPair veth) {
    String here = bridgeNamespace == null ? veth.hostName() : veth.peerName();
    String peer = bridgeNamespace == null ? veth.peerName() : veth.hostName();
    boolean same =
        ip.show(here)
            .map(
                link ->
                    "veth".equals(link.kind())
                        && (peer.equals(link.linkName()) || link.linkInOtherNamespace()))
            .orElse(false);
    if (!same) {
      throw new HostWiringException(
          "cannot create veth "
              + veth.hostName()
              + "/"
              + veth.peerName()
              + ": a device of one of these names exists and is not this pair",
          null);
    }
  }
}
