package org.openstack.kuryr.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * An endpoint to create.
 *
 * @param dockerNetworkId Docker's network ID
 * @param endpointId Docker's endpoint ID
 * @param ipv4Address the IPv4 address with prefix, if any
 * @param ipv6Address the IPv6 address with prefix, if any
 * @param macAddress the MAC Docker chose, if any
 * @param options endpoint driver options ({@code --driver-opt}); not null
 */
public record EndpointSpec(
    String dockerNetworkId,
    String endpointId,
    Optional<String> ipv4Address,
    Optional<String> ipv6Address,
    Optional<String> macAddress,
    Map<String, String> options) {
  /** Copies the options. */
  public EndpointSpec {
    options = Map.copyOf(options);
  }
}
