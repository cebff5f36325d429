package org.openstack.kuryr.binding.linux;

/**
 * A veth pair to create: the host end comes up (enslaved to {@code master} if given), the peer gets
 * the MAC address if given and stays down until its user brings it up.
 *
 * @param hostName the end that stays in the host namespace
 * @param peerName the other end
 * @param peerMacAddress the peer's MAC address, or {@code null} for a random one
 * @param mtu the MTU of both ends
 * @param master the bridge the host end joins, or {@code null}
 */
record VethPair(String hostName, String peerName, String peerMacAddress, int mtu, String master) {}
