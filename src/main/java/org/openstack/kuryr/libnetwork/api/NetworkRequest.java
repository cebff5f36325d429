package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A request that names only a network: {@code DeleteNetwork} and {@code FreeNetwork}. */
public record NetworkRequest(@JsonProperty("NetworkID") String networkId) {
  /** Validates the ID. */
  public NetworkRequest {
    Fields.requireDockerId(networkId, "NetworkID");
  }
}
