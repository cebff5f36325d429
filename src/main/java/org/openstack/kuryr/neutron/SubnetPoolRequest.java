package org.openstack.kuryr.neutron;

import java.util.List;

/** Creates or updates a subnet pool. See {@link ResourceRequest} for what is sent. */
public final class SubnetPoolRequest extends ResourceRequest {
  private SubnetPoolRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SubnetPoolRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, SubnetPoolRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** The prefixes subnets are carved from; an update may only add to them. */
    public Builder prefixes(List<String> prefixes) {
      return set("prefixes", List.copyOf(prefixes));
    }

    /** The prefix length of a subnet requested without one. */
    public Builder defaultPrefixlen(int prefixlen) {
      return set("default_prefixlen", prefixlen);
    }

    /** The smallest prefix length allowed. */
    public Builder minPrefixlen(int prefixlen) {
      return set("min_prefixlen", prefixlen);
    }

    /** The largest prefix length allowed. */
    public Builder maxPrefixlen(int prefixlen) {
      return set("max_prefixlen", prefixlen);
    }

    /** Whether other projects may allocate from the pool. */
    public Builder shared(boolean shared) {
      return set("shared", shared);
    }

    /** Whether it is the default pool of its IP version. */
    public Builder isDefault(boolean isDefault) {
      return set("is_default", isDefault);
    }

    /** The address scope. */
    public Builder addressScopeId(String addressScopeId) {
      return set("address_scope_id", addressScopeId);
    }

    /** Tags the created pool must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public SubnetPoolRequest build() {
      return new SubnetPoolRequest(this);
    }
  }
}
