package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code DiscoverNew} and {@code DiscoverDelete}: cluster membership news Docker forwards. */
public record DiscoveryRequest(
    @JsonProperty("DiscoveryType") int discoveryType,
    @JsonProperty("DiscoveryData") Map<String, Object> discoveryData) {}
