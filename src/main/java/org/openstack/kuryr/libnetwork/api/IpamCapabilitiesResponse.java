package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code /IpamDriver.GetCapabilities}. With {@code RequiresMACAddress} Docker chooses a MAC for
 * every endpoint before asking for its address, so the Neutron port can be created with it.
 */
public record IpamCapabilitiesResponse(
    @JsonProperty("RequiresMACAddress") boolean requiresMacAddress,
    @JsonProperty("RequiresRequestReplay") boolean requiresRequestReplay) {}
