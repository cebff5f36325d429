package org.openstack.kuryr.neutron;

import java.util.Set;

/**
 * The API extensions the Neutron server reports ({@code GET /v2.0/extensions}), with named checks
 * for the ones Kuryr depends on. Immutable and thread-safe.
 *
 * @param aliases the extension aliases, e.g. {@code standard-attr-tag}
 */
public record Capabilities(Set<String> aliases) {
  public static final String TAGS = "standard-attr-tag";
  public static final String TAG_PORTS_ON_CREATE = "tag-ports-during-bulk-creation";
  public static final String SUBNET_ALLOCATION = "subnet_allocation";
  public static final String TRUNK = "trunk";
  public static final String TRUNK_DETAILS = "trunk-details";
  public static final String DNS_INTEGRATION = "dns-integration";
  public static final String PORT_FORWARDING = "floating-ip-port-forwarding";
  public static final String PORT_FORWARDING_PORT_RANGES =
      "floating-ip-port-forwarding-port-ranges";
  public static final String BINDING = "binding";
  public static final String REVISION_IF_MATCH = "revision-if-match";
  public static final String ALLOWED_ADDRESS_PAIRS = "allowed-address-pairs";
  public static final String SECURITY_GROUP = "security-group";
  public static final String STATEFUL_SECURITY_GROUP = "stateful-security-group";
  public static final String PORT_SECURITY = "port-security";
  public static final String NET_MTU = "net-mtu";
  public static final String ROUTER = "router";
  public static final String EXTERNAL_NET = "external-net";
  public static final String PAGINATION = "pagination";

  /** Copies the aliases. */
  public Capabilities {
    aliases = Set.copyOf(aliases);
  }

  /** Whether the server reports the extension with this alias. */
  public boolean has(String alias) {
    return aliases.contains(alias);
  }

  /**
   * Tags on resources, and the tag filters of {@link Query}. Servers older than 2017 call the
   * extension {@code tag} or {@code tag-ext}.
   */
  public boolean tags() {
    return has(TAGS) || has("tag-ext") || has("tag");
  }

  /**
   * Whether resources of this kind can be tagged in their create request. Otherwise the client tags
   * them right after creating (one more request per resource).
   */
  public boolean tagsOnCreate(ResourceKind kind) {
    return kind == ResourceKind.PORT && has(TAG_PORTS_ON_CREATE);
  }

  /** Subnet pools. */
  public boolean subnetAllocation() {
    return has(SUBNET_ALLOCATION);
  }

  /** Trunks and subports. */
  public boolean trunk() {
    return has(TRUNK);
  }

  /** DNS names of ports. */
  public boolean dnsIntegration() {
    return has(DNS_INTEGRATION);
  }

  /** Port forwardings of floating IPs. */
  public boolean portForwarding() {
    return has(PORT_FORWARDING);
  }

  /** Port ranges in port forwardings. */
  public boolean portForwardingPortRanges() {
    return has(PORT_FORWARDING_PORT_RANGES);
  }

  /** Port binding attributes ({@code binding:host_id}, {@code binding:vif_type}, ...). */
  public boolean binding() {
    return has(BINDING);
  }

  /** Updates conditional on the revision number. */
  public boolean revisionIfMatch() {
    return has(REVISION_IF_MATCH);
  }

  /** Allowed address pairs on ports. */
  public boolean allowedAddressPairs() {
    return has(ALLOWED_ADDRESS_PAIRS);
  }

  /** Security groups. */
  public boolean securityGroup() {
    return has(SECURITY_GROUP);
  }

  /** Port security (anti-spoofing) that can be turned off per port. */
  public boolean portSecurity() {
    return has(PORT_SECURITY);
  }

  /** The network MTU attribute. */
  public boolean netMtu() {
    return has(NET_MTU);
  }

  /** Routers and floating IPs. */
  public boolean router() {
    return has(ROUTER);
  }

  /** External networks. */
  public boolean externalNet() {
    return has(EXTERNAL_NET);
  }
}
