package org.openstack.kuryr.neutron;

/**
 * An allowed address pair of a port: traffic from this address (an IP or a CIDR) and MAC is let
 * through the port's anti-spoofing rules.
 *
 * @param ipAddress the IP address or CIDR, never {@code null} in a request
 * @param macAddress the MAC address, or {@code null} for the port's own
 */
public record AddressPair(String ipAddress, String macAddress) {}
