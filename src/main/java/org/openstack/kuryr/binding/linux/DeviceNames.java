package org.openstack.kuryr.binding.linux;

import static org.openstack.kuryr.binding.BindingSettings.PORT_ID_CHARS_IN_NAMES;

import org.openstack.kuryr.binding.BindingSettings;

/**
 * Names of the devices made for a port: a prefix and the first 11 characters of the port (or
 * network) ID, the original kuryr's scheme, which also keeps every name within the kernel's 15.
 *
 * @param hostPrefix prefix of the host-side veth end ({@code tap} by default)
 * @param containerPrefix prefix of the container device ({@code t_c} by default)
 */
record DeviceNames(String hostPrefix, String containerPrefix) {

  static DeviceNames of(BindingSettings settings) {
    return new DeviceNames(settings.hostVethPrefix(), settings.containerVethPrefix());
  }

  String hostVeth(String portId) {
    return hostPrefix + idPart(portId);
  }

  String containerDevice(String portId) {
    return containerPrefix + idPart(portId);
  }

  /** ML2/linuxbridge's bridge for a network, as its agent names it. */
  static String linuxBridge(String networkId) {
    return "brq" + idPart(networkId);
  }

  /** The per-port Linux bridge of ML2/OVS hybrid plugging, where its iptables rules apply. */
  static String hybridBridge(String portIdPrefix) {
    return "qbr" + idPart(portIdPrefix);
  }

  /** The bridge end of the veth between the hybrid bridge and the integration bridge. */
  static String hybridBridgeVeth(String portIdPrefix) {
    return "qvb" + idPart(portIdPrefix);
  }

  /** The OVS end of the veth between the hybrid bridge and the integration bridge. */
  static String hybridOvsVeth(String portIdPrefix) {
    return "qvo" + idPart(portIdPrefix);
  }

  /** The port ID characters in a name made by this scheme. */
  static String idPart(String id) {
    return id.substring(0, Math.min(id.length(), PORT_ID_CHARS_IN_NAMES));
  }
}
