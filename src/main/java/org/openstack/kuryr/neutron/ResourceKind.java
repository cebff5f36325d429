package org.openstack.kuryr.neutron;

/**
 * The kinds of Neutron resources this client speaks to, with the names Neutron's API uses for them.
 * Used in URLs, in error messages and in request events.
 */
public enum ResourceKind {
  NETWORK("networks", "network", true),
  SUBNET("subnets", "subnet", true),
  SUBNET_POOL("subnetpools", "subnetpool", true),
  PORT("ports", "port", true),
  TRUNK("trunks", "trunk", true),
  SECURITY_GROUP("security-groups", "security_group", true),
  SECURITY_GROUP_RULE("security-group-rules", "security_group_rule", false),
  ROUTER("routers", "router", true),
  FLOATING_IP("floatingips", "floatingip", true),
  PORT_FORWARDING("port_forwardings", "port_forwarding", false);

  private final String collectionPath;
  private final String jsonKey;
  private final boolean taggable;

  ResourceKind(String collectionPath, String jsonKey, boolean taggable) {
    this.collectionPath = collectionPath;
    this.jsonKey = jsonKey;
    this.taggable = taggable;
  }

  /** The URL path segment of the collection, e.g. {@code security-groups}. */
  public String collectionPath() {
    return collectionPath;
  }

  /** The JSON key of one resource in a request or response body, e.g. {@code security_group}. */
  public String jsonKey() {
    return jsonKey;
  }

  /** The JSON key of a list of these resources, e.g. {@code security_groups}. */
  public String collectionKey() {
    return jsonKey + "s";
  }

  /** Whether Neutron's tag extension ({@code standard-attr-tag}) applies to this kind. */
  public boolean taggable() {
    return taggable;
  }

  /** The name used in messages, e.g. {@code security group}. */
  public String displayName() {
    return switch (this) {
      case SUBNET_POOL -> "subnet pool";
      case SECURITY_GROUP -> "security group";
      case SECURITY_GROUP_RULE -> "security group rule";
      case FLOATING_IP -> "floating IP";
      case PORT_FORWARDING -> "port forwarding";
      default -> jsonKey;
    };
  }
}
