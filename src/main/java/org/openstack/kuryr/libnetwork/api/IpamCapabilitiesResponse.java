package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code /IpamDriver.GetCapabilities}. With {@code RequiresMACAddress} Docker chooses a MAC for
 * every endpoint before asking for its address and sends it along; without, the network driver may
 * give the endpoint's MAC in its CreateEndpoint reply.
 */
public record IpamCapabilitiesResponse(
    @JsonProperty("RequiresMACAddress") boolean requiresMacAddress,
    @JsonProperty("RequiresRequestReplay") boolean requiresRequestReplay) {}
