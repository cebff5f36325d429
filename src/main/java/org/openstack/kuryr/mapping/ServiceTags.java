package org.openstack.kuryr.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The names and tags by which Kuryr finds again what it set up for Neutron's services: security
 * groups, routers, floating IPs and port forwardings. Like {@link KuryrTags}, tags stay within 60
 * characters, the limit of older Neutron releases.
 */
final class ServiceTags {
  private ServiceTags() {}

  /** On a container port whose exposed or published ports Kuryr opened. */
  static final String PORT_CONNECTIVITY = "kuryr.port.connectivity";

  /** On a container port that Kuryr associated with a floating IP of its own. */
  static final String PORT_FLOATING_IP = "kuryr.port.floatingip";

  /** On a floating IP that carries port forwardings of published container ports. */
  static final String PUBLISHED = "kuryr.published";

  /** On a floating IP Kuryr allocated: it is released when Kuryr no longer uses it. */
  static final String ALLOCATED = "kuryr.allocated";

  /** The description of the port forwardings Kuryr creates. */
  static final String FORWARDING_DESCRIPTION = "published container port, by Kuryr";

  private static final String NETWORK_GROUP = "kuryr.sg.";
  private static final String NETWORK_ROUTER = "kuryr.rt.";
  private static final String ROUTER_INTERFACE = "kuryr.rtif:";
  private static final String HOST = "kuryr.host:";
  private static final int LONGEST_TAG = 60;

  /** The original kuryr-libnetwork's name of the group that opens a port's exposed ports. */
  static String exposedGroupName(String portId) {
    return portId + "-exposed_ports";
  }

  /** The description of that group. */
  static String exposedGroupDescription(String endpointId) {
    return "Ports exposed by the Docker container of endpoint "
        + NetworkDirectory.shortId(endpointId)
        + ", opened by Kuryr";
  }

  /** On a Neutron network: the Docker network's containers are in this security group. */
  static String networkGroup(String dockerNetworkId, String securityGroupId) {
    return NETWORK_GROUP + NetworkDirectory.shortId(dockerNetworkId) + ":" + securityGroupId;
  }

  /** The security groups a Neutron network's tags name for a Docker network. */
  static List<String> networkGroups(List<String> tags, String dockerNetworkId) {
    return valuesOf(tags, NETWORK_GROUP + NetworkDirectory.shortId(dockerNetworkId) + ":");
  }

  /** On a Neutron network: Kuryr attached the Docker network's subnets to this router. */
  static String networkRouter(String dockerNetworkId, String routerId) {
    return NETWORK_ROUTER + NetworkDirectory.shortId(dockerNetworkId) + ":" + routerId;
  }

  /** The router a Neutron network's tags name for a Docker network. */
  static Optional<String> networkRouter(List<String> tags, String dockerNetworkId) {
    return valuesOf(tags, NETWORK_ROUTER + NetworkDirectory.shortId(dockerNetworkId) + ":").stream()
        .findFirst();
  }

  /** On a router interface port Kuryr added for a Docker network. */
  static String routerInterface(String dockerNetworkId) {
    return ROUTER_INTERFACE + NetworkDirectory.shortId(dockerNetworkId);
  }

  /**
   * On the floating IP that carries this host's published ports. A host name too long for a tag is
   * shortened and made unique again with a digest.
   */
  static String host(String hostId) {
    String tag = HOST + hostId;
    if (tag.length() <= LONGEST_TAG) {
      return tag;
    }
    String digest = digest(hostId).substring(0, 12);
    return tag.substring(0, LONGEST_TAG - digest.length() - 1) + "~" + digest;
  }

  private static List<String> valuesOf(List<String> tags, String prefix) {
    return tags.stream()
        .filter(t -> t.startsWith(prefix))
        .map(t -> t.substring(prefix.length()))
        .sorted()
        .toList();
  }

  private static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
