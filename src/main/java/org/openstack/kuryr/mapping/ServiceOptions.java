package org.openstack.kuryr.mapping;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.error.InvalidRequestException;

/**
 * The {@code neutron.*} options that ask for Neutron's services: on a Docker network ({@code docker
 * network create -o}) and on a container's endpoint ({@code --driver-opt} of {@code docker network
 * connect}, or {@code docker run --network name=...,driver-opt=...}).
 */
final class ServiceOptions {
  /** Security groups by name or ID, comma-separated; on networks and endpoints. */
  static final String SECURITY_GROUPS = "neutron.securitygroups";

  /** The router to attach the network's subnets to, by ID or by name. */
  static final String ROUTER = "neutron.router";

  /** A floating IP for the container: {@code auto} or an address; on endpoints. */
  static final String FLOATING_IP = "neutron.floatingip";

  private static final String AUTO = "auto";

  private ServiceOptions() {}

  /**
   * What a Docker network asks for.
   *
   * @param securityGroups security group names or IDs, as given
   * @param router the router to attach the network's subnets to
   */
  record NetworkOptions(List<String> securityGroups, Optional<PoolOptions.Reference> router) {
    /** Whether the network asks for nothing of these. */
    boolean isEmpty() {
      return securityGroups.isEmpty() && router.isEmpty();
    }
  }

  /**
   * What a container's endpoint asks for.
   *
   * @param securityGroups security group names or IDs, as given; they replace the network's
   * @param floatingIp the floating IP asked for, if any
   */
  record EndpointOptions(List<String> securityGroups, Optional<FloatingIpWish> floatingIp) {}

  /**
   * A floating IP a container asks for.
   *
   * @param address the address wanted, or empty for any address of the external network
   */
  record FloatingIpWish(Optional<String> address) {}

  static NetworkOptions ofNetwork(Map<String, String> options) {
    return new NetworkOptions(securityGroups(options), router(options));
  }

  static EndpointOptions ofEndpoint(Map<String, String> options) {
    return new EndpointOptions(securityGroups(options), floatingIp(options));
  }

  private static List<String> securityGroups(Map<String, String> options) {
    String value = options.get(SECURITY_GROUPS);
    if (value == null) {
      return List.of();
    }
    List<String> groups =
        Arrays.stream(value.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    if (groups.isEmpty()) {
      throw new InvalidRequestException(
          "option " + SECURITY_GROUPS + " is empty: name one or more security groups");
    }
    return groups;
  }

  private static Optional<PoolOptions.Reference> router(Map<String, String> options) {
    String uuid = blankToNull(options.get(ROUTER + ".uuid"));
    String name = blankToNull(options.get(ROUTER + ".name"));
    if (uuid != null && name != null) {
      throw new InvalidRequestException(
          "give " + ROUTER + ".uuid or " + ROUTER + ".name, not both");
    }
    if (uuid != null) {
      return Optional.of(new PoolOptions.Reference(uuid, true, ROUTER + ".uuid"));
    }
    return Optional.ofNullable(name)
        .map(n -> new PoolOptions.Reference(n, false, ROUTER + ".name"));
  }

  private static Optional<FloatingIpWish> floatingIp(Map<String, String> options) {
    String value = blankToNull(options.get(FLOATING_IP));
    if (value == null) {
      return Optional.empty();
    }
    if (value.toLowerCase(Locale.ROOT).equals(AUTO)) {
      return Optional.of(new FloatingIpWish(Optional.empty()));
    }
    return Optional.of(new FloatingIpWish(Optional.of(ipv4(value))));
  }

  private static String ipv4(String value) {
    InetAddress address;
    try {
      address = Cidr.parseAddress(value);
    } catch (InvalidRequestException e) {
      address = null;
    }
    if (!(address instanceof Inet4Address)) {
      throw new InvalidRequestException(
          "invalid " + FLOATING_IP + " '" + value + "': expected 'auto' or an IPv4 address");
    }
    return Cidr.format(address);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
