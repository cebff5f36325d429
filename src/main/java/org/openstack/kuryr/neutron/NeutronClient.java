package org.openstack.kuryr.neutron;

/**
 * Kuryr's view of the Neutron API: one accessor per kind of resource, tags, and the server's
 * capabilities. Implementations are thread-safe and meant to be shared for the daemon's lifetime.
 *
 * <p>Every call is bounded in time, retried only where that is safe (see the implementation), and
 * fails with a {@link NeutronException}. Deletes are idempotent.
 */
public interface NeutronClient extends AutoCloseable {
  /** Networks. */
  UpdatableResources<Network, NetworkRequest> networks();

  /** Subnets. */
  UpdatableResources<Subnet, SubnetRequest> subnets();

  /** Subnet pools (extension {@code subnet_allocation}). */
  UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools();

  /** Ports. */
  Ports ports();

  /** Trunks (extension {@code trunk}). */
  Trunks trunks();

  /** Security groups, with their rules. */
  UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups();

  /** Security group rules; Neutron cannot update a rule, only replace it. */
  Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules();

  /** Routers (extension {@code router}). */
  Routers routers();

  /** Floating IPs (extension {@code router}). */
  UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps();

  /** The port forwardings of one floating IP (extension {@code floating-ip-port-forwarding}). */
  UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(String floatingIpId);

  /** Tags on any taggable resource. */
  Tags tags();

  /**
   * The server's extensions, read once: the first successful answer is kept for the client's
   * lifetime, a failure is not.
   */
  Capabilities capabilities();

  /** The requests this client has sent so far. */
  RequestCounters requestCounters();

  /** Releases the HTTP client's connections. Calls made afterwards fail. */
  @Override
  void close();
}
