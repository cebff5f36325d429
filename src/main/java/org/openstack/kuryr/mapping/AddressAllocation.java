package org.openstack.kuryr.mapping;

/**
 * A reserved address.
 *
 * @param cidr the address with the pool's prefix length, e.g. {@code 10.0.0.5/24}
 */
public record AddressAllocation(String cidr) {}
