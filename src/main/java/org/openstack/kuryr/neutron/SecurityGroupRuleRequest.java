package org.openstack.kuryr.neutron;

/**
 * Creates a security group rule (rules cannot be updated). See {@link ResourceRequest} for what is
 * sent.
 */
public final class SecurityGroupRuleRequest extends ResourceRequest {
  private SecurityGroupRuleRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SecurityGroupRuleRequest}; not thread-safe. */
  public static final class Builder
      extends ResourceRequest.Builder<Builder, SecurityGroupRuleRequest> {
    private Builder() {}

    /** The group the rule belongs to. */
    public Builder securityGroupId(String securityGroupId) {
      return set("security_group_id", securityGroupId);
    }

    /** {@code ingress} or {@code egress}. */
    public Builder direction(String direction) {
      return set("direction", direction);
    }

    /** {@code IPv4} or {@code IPv6}. */
    public Builder ethertype(String ethertype) {
      return set("ethertype", ethertype);
    }

    /** e.g. {@code tcp}, {@code udp}, {@code icmp}; unset for any protocol. */
    public Builder protocol(String protocol) {
      return set("protocol", protocol);
    }

    /** The protocol ports from {@code min} to {@code max}, inclusive. */
    public Builder portRange(int min, int max) {
      set("port_range_min", min);
      return set("port_range_max", max);
    }

    /** The remote CIDR. */
    public Builder remoteIpPrefix(String cidr) {
      return set("remote_ip_prefix", cidr);
    }

    /** The remote security group. */
    public Builder remoteGroupId(String securityGroupId) {
      return set("remote_group_id", securityGroupId);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    @Override
    public SecurityGroupRuleRequest build() {
      return new SecurityGroupRuleRequest(this);
    }
  }
}
