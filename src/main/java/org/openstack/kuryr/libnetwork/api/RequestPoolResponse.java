package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Reply to {@code RequestPool}.
 *
 * @param poolId the ID Docker uses for the pool in later calls
 * @param pool the pool's CIDR
 * @param data {@code com.docker.network.gateway}: the gateway as {@code ip/prefix}, when the driver
 *     chose it
 */
public record RequestPoolResponse(
    @JsonProperty("PoolID") String poolId,
    @JsonProperty("Pool") String pool,
    @JsonProperty("Data") Map<String, String> data) {}
