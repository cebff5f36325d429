package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code /NetworkDriver.CreateEndpoint}.
 *
 * @param options endpoint options: {@code --driver-opt} values as top-level keys, exposed ports and
 *     port mappings; never null
 */
public record CreateEndpointRequest(
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("Interface") EndpointInterface endpointInterface,
    @JsonProperty("Options") Map<String, Object> options) {
  /** Validates the IDs and normalizes absent values. */
  public CreateEndpointRequest {
    Fields.requireDockerId(networkId, "NetworkID");
    Fields.requireDockerId(endpointId, "EndpointID");
    endpointInterface = endpointInterface == null ? EndpointInterface.EMPTY : endpointInterface;
    options = options == null ? Map.of() : options;
  }
}
