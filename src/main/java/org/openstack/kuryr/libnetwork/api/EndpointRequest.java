package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A request that names only an endpoint: {@code DeleteEndpoint}, {@code EndpointOperInfo}, {@code
 * Leave} and {@code RevokeExternalConnectivity}.
 */
public record EndpointRequest(
    @JsonProperty("NetworkID") String networkId, @JsonProperty("EndpointID") String endpointId) {
  /** Validates the IDs. */
  public EndpointRequest {
    Fields.requireDockerId(networkId, "NetworkID");
    Fields.requireDockerId(endpointId, "EndpointID");
  }
}
