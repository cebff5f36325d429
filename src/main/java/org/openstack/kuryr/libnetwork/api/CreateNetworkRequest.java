package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code /NetworkDriver.CreateNetwork}.
 *
 * @param networkId Docker's network ID
 * @param options driver options: {@code com.docker.network.generic} holds the {@code -o} options
 * @param ipv4Data the IPv4 pools; empty, never null
 * @param ipv6Data the IPv6 pools; empty, never null
 */
public record CreateNetworkRequest(
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("Options") Map<String, Object> options,
    @JsonProperty("IPv4Data") List<IpamData> ipv4Data,
    @JsonProperty("IPv6Data") List<IpamData> ipv6Data) {
  /** Validates the ID and normalizes absent collections. */
  public CreateNetworkRequest {
    Fields.requireDockerId(networkId, "NetworkID");
    options = options == null ? Map.of() : options;
    ipv4Data = ipv4Data == null ? List.of() : List.copyOf(ipv4Data);
    ipv6Data = ipv6Data == null ? List.of() : List.copyOf(ipv6Data);
  }
}
