package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code /NetworkDriver.AllocateNetwork}, sent on a swarm manager for global-scope networks. */
public record AllocateNetworkRequest(
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("IPv4Data") List<IpamData> ipv4Data,
    @JsonProperty("IPv6Data") List<IpamData> ipv6Data) {
  /** Validates the ID and normalizes absent values. */
  public AllocateNetworkRequest {
    Fields.requireDockerId(networkId, "NetworkID");
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
