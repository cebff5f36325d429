package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code /NetworkDriver.Join}.
 *
 * @param sandboxKey path of the container's network namespace; any path is accepted (engines with
 *     another exec-root or rootless engines use other directories)
 * @param options sandbox options; never null
 */
public record JoinRequest(
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("SandboxKey") String sandboxKey,
    @JsonProperty("Options") Map<String, Object> options) {
  /** Validates the IDs and normalizes absent values. */
  public JoinRequest {
    Fields.requireDockerId(networkId, "NetworkID");
    Fields.requireDockerId(endpointId, "EndpointID");
    sandboxKey = sandboxKey == null ? "" : sandboxKey;
    options = options == null ? Map.of() : options;
  }
}
