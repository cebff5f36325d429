package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code /IpamDriver.GetDefaultAddressSpaces}. */
public record AddressSpacesResponse(
    @JsonProperty("LocalDefaultAddressSpace") String localDefaultAddressSpace,
    @JsonProperty("GlobalDefaultAddressSpace") String globalDefaultAddressSpace) {}
