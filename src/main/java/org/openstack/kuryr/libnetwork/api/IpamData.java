package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One address pool of a network as Docker passes it to {@code CreateNetwork}.
 *
 * @param addressSpace the IPAM address space
 * @param pool the pool's CIDR
 * @param gateway the gateway as {@code ip/prefix}; {@code null} when the network has none
 * @param auxAddresses reserved addresses by name; never null
 */
public record IpamData(
    @JsonProperty("AddressSpace") String addressSpace,
    @JsonProperty("Pool") String pool,
    @JsonProperty("Gateway") String gateway,
    @JsonProperty("AuxAddresses") Map<String, String> auxAddresses) {
  /** Validates the pool and normalizes absent maps. */
  public IpamData {
    Fields.require(pool, "Pool");
    auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
  }
}
