package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code /IpamDriver.ReleasePool}. */
public record ReleasePoolRequest(@JsonProperty("PoolID") String poolId) {
  /** Validates the pool ID. */
  public ReleasePoolRequest {
    Fields.require(poolId, "PoolID");
  }
}
