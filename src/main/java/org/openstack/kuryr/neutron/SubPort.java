package org.openstack.kuryr.neutron;

/**
 * A port carried by a trunk, told apart by its segmentation (for VLAN: the VLAN id).
 *
 * @param portId the subport's Neutron port
 * @param segmentationType {@code vlan} (or {@code inherit}); {@code null} in a request lets Neutron
 *     choose
 * @param segmentationId the VLAN id; {@code null} in a request lets Neutron choose
 * @param macAddress the subport's MAC as reported in a parent port's {@code trunk_details}, else
 *     {@code null}
 */
public record SubPort(
    String portId, String segmentationType, Integer segmentationId, String macAddress) {
  /** A VLAN subport, as sent to {@code add_subports}. */
  public static SubPort vlan(String portId, int vlanId) {
    return new SubPort(portId, "vlan", vlanId, null);
  }
}
