package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code /NetworkDriver.GetCapabilities}.
 *
 * @param scope {@code local} or {@code global}
 * @param connectivityScope same values; what Docker uses for the network's reach
 */
public record CapabilitiesResponse(
    @JsonProperty("Scope") String scope,
    @JsonProperty("ConnectivityScope") String connectivityScope) {}
