package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;

/**
 * What Docker needs when a container joins.
 *
 * @param interfaceName the host device Docker moves into the container
 * @param ipv4Gateway the IPv4 gateway of the port's subnet, if it has one
 * @param ipv6Gateway the IPv6 gateway of the port's subnet, if it has one
 * @param routes the subnets' host routes
 */
public record JoinInfo(
    String interfaceName,
    Optional<String> ipv4Gateway,
    Optional<String> ipv6Gateway,
    List<Route> routes) {

  /**
   * A route.
   *
   * @param destination CIDR
   * @param nextHop the next hop address
   */
  public record Route(String destination, String nextHop) {}
}
