package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code /IpamDriver.RequestPool}.
 *
 * @param pool the CIDR asked for ({@code --subnet}); empty: the driver chooses
 * @param subPool the range addresses come from ({@code --ip-range}); empty for the whole pool
 * @param options {@code --ipam-opt} values; never null
 * @param v6 whether this is the IPv6 pool
 */
public record RequestPoolRequest(
    @JsonProperty("AddressSpace") String addressSpace,
    @JsonProperty("Pool") String pool,
    @JsonProperty("SubPool") String subPool,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("V6") boolean v6) {
  /** Normalizes absent values. */
  public RequestPoolRequest {
    addressSpace = addressSpace == null ? "" : addressSpace;
    pool = pool == null ? "" : pool;
    subPool = subPool == null ? "" : subPool;
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
