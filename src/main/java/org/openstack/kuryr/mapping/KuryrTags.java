package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The names and tags by which Kuryr finds its Neutron resources again. They are the original
 * kuryr-libnetwork's, byte for byte, so a deployment can switch daemons and keep its networks.
 *
 * <p>A Docker ID has 64 characters and a Neutron tag at most 60, so an ID is split into two tags:
 * the first 32 characters and the last 32 (a 25-character swarm ID gets only the first).
 */
public final class KuryrTags {
  private KuryrTags() {}

  private static final String LOW_HALF = "kuryr.net.uuid.lh:";
  private static final String HIGH_HALF = "kuryr.net.uuid.uh:";

  /** On a user's network that a Docker network uses, with the Docker ID's first 12 chars. */
  public static final String EXISTING_NETWORK = "kuryr.net.existing:";

  /**
   * On a network Kuryr created, as opposed to one a user brought: whichever Docker network leaves
   * it last deletes it, also one that joined it from another host with {@code neutron.net.name} or
   * {@code neutron.net.uuid}. Not set by the original kuryr-libnetwork, whose networks are kept
   * when a Docker network that joined them leaves last.
   */
  public static final String CREATED_NETWORK = "kuryr.net.created";

  /** On a user's subnet pool that a Docker network uses. */
  public static final String EXISTING_SUBNETPOOL = "kuryr.subnetpool.existing";

  /** On a user's port that a container uses: reset, never deleted, on release. */
  public static final String EXISTING_PORT = "kuryr.port.existing";

  /** On ports created by Kuryr's IPAM. */
  public static final String KURYR_PORT = "compute:kuryr";

  /** The {@code device_owner} of container ports. */
  public static final String DEVICE_OWNER = "compute:kuryr";

  /**
   * On a network and subnet carved from a pool for a Docker network that does not exist yet: the
   * subnet must exist before Docker creates the network, to tell Docker its CIDR.
   */
  public static final String PENDING = "kuryr.pending";

  /** The name of a network carved for a Docker network that does not exist yet. */
  public static final String PENDING_NETWORK_NAME = "kuryr-net-pending";

  /** The name of a port created by IPAM before its endpoint exists. */
  public static final String UNBOUND_PORT_NAME = "kuryr-unbound-port";

  /**
   * On every port of a host's port pool, free or used: created ahead of time and bound to the host.
   * A pool port without an endpoint's ID tags is free.
   */
  public static final String POOL_PORT = "kuryr.port.pool";

  /** The name of a pool port, until a container uses it. */
  public static final String POOL_PORT_NAME = "kuryr-pool-port";

  /**
   * On a container's port whose address Docker released: it is deleted in the background, or at the
   * next start when the daemon stopped first.
   */
  public static final String RELEASED_PORT = "kuryr.port.released";

  /** The tags that identify a Docker ID (network or endpoint). */
  public static List<String> idTags(String dockerId) {
    if (dockerId.length() <= 32) {
      return List.of(LOW_HALF + dockerId);
    }
    return List.of(LOW_HALF + dockerId.substring(0, 32), HIGH_HALF + dockerId.substring(32));
  }

  /** The tags of a network Kuryr creates for a Docker network. */
  public static List<String> createdNetworkTags(String dockerNetworkId) {
    var tags = new ArrayList<>(idTags(dockerNetworkId));
    tags.add(CREATED_NETWORK);
    return List.copyOf(tags);
  }

  /** The Docker ID whose tags a resource carries (its halves joined), if it carries one. */
  public static Optional<String> idOf(List<String> tags) {
    String low = null;
    String high = "";
    for (String tag : tags) {
      if (tag.startsWith(LOW_HALF)) {
        low = tag.substring(LOW_HALF.length());
      } else if (tag.startsWith(HIGH_HALF)) {
        high = tag.substring(HIGH_HALF.length());
      }
    }
    return low == null ? Optional.empty() : Optional.of(low + high);
  }

  /** Whether a tag is one half of some Docker ID. */
  public static boolean isIdTag(String tag) {
    return tag.startsWith(LOW_HALF) || tag.startsWith(HIGH_HALF);
  }

  /** The name of the Neutron network created for a Docker network. */
  public static String networkName(String dockerNetworkId) {
    return "kuryr-net-" + prefix(dockerNetworkId, 8);
  }

  /** The tag that marks a user's network as used by a Docker network. */
  public static String existingNetworkTag(String dockerNetworkId) {
    return EXISTING_NETWORK + prefix(dockerNetworkId, 12);
  }

  /** The name of a subnet created for a pool. */
  public static String subnetName(Cidr cidr) {
    return "kuryr-subnet-" + cidr;
  }

  /** Whether a subnet name is one Kuryr gives. */
  public static boolean isKuryrSubnetName(String name) {
    return name != null && name.startsWith("kuryr-subnet-");
  }

  /** The name of a subnet carved from a pool. */
  public static String carvedSubnetName(String poolName) {
    return "kuryr-subnet-from-" + poolName;
  }

  /** The name of a subnet pool created for a CIDR. */
  public static String subnetPoolName(String namePrefix, Cidr cidr) {
    return namePrefix + "-" + cidr;
  }

  /** The name of the port of an endpoint. */
  public static String portName(String endpointId) {
    return endpointId + "-port";
  }

  private static String prefix(String id, int length) {
    return id.length() <= length ? id : id.substring(0, length);
  }
}
