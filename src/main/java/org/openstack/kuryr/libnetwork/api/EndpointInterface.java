package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An endpoint's interface in {@code CreateEndpoint}: what Docker chose in the request, and in the
 * response only what Docker left empty (Docker rejects a driver that changes a value it gave).
 *
 * @param address IPv4 address as {@code ip/prefix}, or empty/null
 * @param addressIpv6 IPv6 address as {@code ip/prefix}, or empty/null
 * @param macAddress MAC address, or empty/null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EndpointInterface(
    @JsonProperty("Address") String address,
    @JsonProperty("AddressIPv6") String addressIpv6,
    @JsonProperty("MacAddress") String macAddress) {
  /** An interface with nothing set. */
  public static final EndpointInterface EMPTY = new EndpointInterface(null, null, null);
}
