package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Reply to {@code EndpointOperInfo}: free-form details shown by {@code docker inspect}. */
public record EndpointOperInfoResponse(@JsonProperty("Value") Map<String, Object> value) {}
