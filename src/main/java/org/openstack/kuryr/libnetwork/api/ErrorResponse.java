package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every failed call, sent with a non-2xx status. */
public record ErrorResponse(@JsonProperty("Err") String err) {}
