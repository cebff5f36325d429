package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code /NetworkDriver.ProgramExternalConnectivity}.
 *
 * @param options sandbox options, among them {@code com.docker.network.endpoint.exposedports} and
 *     {@code com.docker.network.portmap}; never null
 */
public record ExternalConnectivityRequest(
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("Options") Map<String, Object> options) {
  /** Validates the IDs and normalizes absent values. */
  public ExternalConnectivityRequest {
    Fields.requireDockerId(networkId, "NetworkID");
    Fields.requireDockerId(endpointId, "EndpointID");
    options = options == null ? Map.of() : options;
  }
}
