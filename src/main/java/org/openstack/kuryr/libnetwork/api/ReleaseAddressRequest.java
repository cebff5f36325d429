package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code /IpamDriver.ReleaseAddress}. */
public record ReleaseAddressRequest(
    @JsonProperty("PoolID") String poolId, @JsonProperty("Address") String address) {
  /** Validates the fields. */
  public ReleaseAddressRequest {
    Fields.require(poolId, "PoolID");
    Fields.require(address, "Address");
  }
}
