package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply to {@code CreateEndpoint}: only the interface values Docker did not supply. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateEndpointResponse(
    @JsonProperty("Interface") EndpointInterface endpointInterface) {}
