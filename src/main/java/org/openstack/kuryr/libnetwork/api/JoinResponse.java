package org.openstack.kuryr.libnetwork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code Join}.
 *
 * @param interfaceName the device Docker moves into the container, and the prefix of its new name
 * @param gateway IPv4 gateway, or null when the subnet has none
 * @param gatewayIpv6 IPv6 gateway, or null when the subnet has none
 * @param staticRoutes routes to add in the container
 * @param disableGatewayService true: Docker must not add its own gateway network
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JoinResponse(
    @JsonProperty("InterfaceName") InterfaceName interfaceName,
    @JsonProperty("Gateway") String gateway,
    @JsonProperty("GatewayIPv6") String gatewayIpv6,
    @JsonProperty("StaticRoutes") List<StaticRoute> staticRoutes,
    @JsonProperty("DisableGatewayService") boolean disableGatewayService) {

  /** The device to move, and the prefix Docker names it with inside the container. */
  public record InterfaceName(
      @JsonProperty("SrcName") String srcName, @JsonProperty("DstPrefix") String dstPrefix) {}

  /**
   * A route for the container.
   *
   * @param routeType 0: through {@code nextHop}; 1: directly connected
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StaticRoute(
      @JsonProperty("Destination") String destination,
      @JsonProperty("RouteType") int routeType,
      @JsonProperty("NextHop") String nextHop) {}
}
