package org.openstack.kuryr.mapping;

import java.util.Optional;

/**
 * A reserved pool.
 *
 * @param poolId the ID Docker refers to the pool with (the Neutron subnet pool's ID)
 * @param cidr the pool's CIDR
 * @param gateway the gateway as {@code ip/prefix} when Kuryr chose it (Docker then asks for no
 *     other)
 */
public record PoolAllocation(String poolId, String cidr, Optional<String> gateway) {}
