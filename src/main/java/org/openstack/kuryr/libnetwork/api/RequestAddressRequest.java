package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code /IpamDriver.RequestAddress}.
 *
 * @param address the address asked for ({@code --ip}, {@code --gateway}); empty: any
 * @param options {@code RequestAddressType} marks the gateway; the endpoint's MAC and (newer
 *     engines) name come here too; {@code null} when Docker sent none, which it does only for
 *     {@code --aux-address} reservations
 */
public record RequestAddressRequest(
    @JsonProperty("PoolID") String poolId,
    @JsonProperty("Address") String address,
    @JsonProperty("Options") Map<String, String> options) {
  /** Validates the pool ID and normalizes an absent address. */
  public RequestAddressRequest {
    Fields.require(poolId, "PoolID");
    address = address == null ? "" : address;
    options = options == null ? null : Map.copyOf(options);
  }
}
