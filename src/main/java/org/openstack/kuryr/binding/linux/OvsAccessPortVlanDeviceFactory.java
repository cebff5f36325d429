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
 * <p>Thread-safe.
 */
public final class OvsAccessPortVlanDeviceFactory implements VlanDeviceFactory {
  private final IpLink ip;
  private final OvsVsctl ovs;
  private final String taggingBridge;
  private final String accessPortPrefix;

  /**
   * A factory that attaches access ports to {@code taggingBridge}.
   *
   * @param accessPortPrefix prefix of the bridge-side veth ends' names, 1 to 4 characters; they end
   *     with the same 11 port ID characters as the container device
   */
  public OvsAccessPortVlanDeviceFactory(
      CommandRunner runner,
      Duration commandTimeout,
      String taggingBridge,
      String accessPortPrefix) {
    this.ip = new IpLink(runner, commandTimeout);
    this.ovs = new OvsVsctl(runner, commandTimeout);
    this.taggingBridge = LinkNames.requireValid(taggingBridge, "tagging bridge");
    LinkNames.requireValid(accessPortPrefix, "access port prefix");
    if (accessPortPrefix.length() > LinkNames.MAX_LENGTH - PORT_ID_CHARS_IN_NAMES) {
      throw new IllegalArgumentException("access port prefix is longer than 4 characters");
    }
    this.accessPortPrefix = accessPortPrefix;
  }

  @Override
  public boolean ensureCreated(VlanDevice device) {
    String accessPort = accessPortFor(device.name());
    VethPair veth =
        new VethPair(accessPort, device.name(), device.macAddress(), device.mtu(), null);
    boolean created = ip.createVeth(veth);
    if (!created) {
      verifyExisting(veth);
    }
    try {
      ovs.addAccessPort(taggingBridge, accessPort, device.vlanId());
    } catch (RuntimeException e) {
      if (created) {
        ip.ensureAbsent(List.of(accessPort));
      }
      throw e;
    }
    return created;
  }

  @Override
  public void ensureRemoved(String deviceName) {
    String accessPort = accessPortFor(deviceName);
    ovs.ensurePortsAbsent(List.of(accessPort));
    ip.ensureAbsent(List.of(accessPort, deviceName));
  }

  private String accessPortFor(String deviceName) {
    return accessPortPrefix + deviceName.substring(deviceName.length() - PORT_ID_CHARS_IN_NAMES);
  }

  private void verifyExisting(VethPair veth) {
    boolean same =
        ip.show(veth.hostName())
            .map(
                link ->
                    "veth".equals(link.kind())
                        && (veth.peerName().equals(link.linkName()) || link.linkInOtherNamespace()))
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
