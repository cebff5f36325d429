package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Reply to {@code AllocateNetwork}: options handed to {@code CreateNetwork} on every node. */
public record AllocateNetworkResponse(@JsonProperty("Options") Map<String, String> options) {}
