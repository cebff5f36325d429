package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Reply to {@code RequestAddress}: the address as {@code ip/prefix}. */
public record RequestAddressResponse(
    @JsonProperty("Address") String address, @JsonProperty("Data") Map<String, String> data) {}
