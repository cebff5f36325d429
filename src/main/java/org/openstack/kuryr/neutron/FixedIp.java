package org.openstack.kuryr.neutron;

/**
 * An address of a port on a subnet ({@code fixed_ips} entry). In a request either part may be
 * {@code null}: a subnet alone lets Neutron pick the address, an address alone lets it find the
 * subnet.
 *
 * @param subnetId the subnet, or {@code null}
 * @param ipAddress the address, or {@code null}
 */
public record FixedIp(String subnetId, String ipAddress) {
  /** An address Neutron picks from the subnet. */
  public static FixedIp onSubnet(String subnetId) {
    return new FixedIp(subnetId, null);
  }

  /** A given address on a given subnet. */
  public static FixedIp of(String subnetId, String ipAddress) {
    return new FixedIp(subnetId, ipAddress);
  }
}
