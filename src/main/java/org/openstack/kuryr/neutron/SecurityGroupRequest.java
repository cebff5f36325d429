package org.openstack.kuryr.neutron;

import java.util.List;

/** Creates or updates a security group. See {@link ResourceRequest} for what is sent. */
public final class SecurityGroupRequest extends ResourceRequest {
  private SecurityGroupRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SecurityGroupRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, SecurityGroupRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** Whether replies are let through automatically ({@code stateful-security-group}). */
    public Builder stateful(boolean stateful) {
      return set("stateful", stateful);
    }

    /** Tags the created group must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public SecurityGroupRequest build() {
      return new SecurityGroupRequest(this);
    }
  }
}
