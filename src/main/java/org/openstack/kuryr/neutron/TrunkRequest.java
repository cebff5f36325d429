package org.openstack.kuryr.neutron;

import java.util.List;

/** Creates or updates a trunk. See {@link ResourceRequest} for what is sent. */
public final class TrunkRequest extends ResourceRequest {
  private TrunkRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TrunkRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, TrunkRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** The parent port (create only). */
    public Builder portId(String portId) {
      return set("port_id", portId);
    }

    /** Whether the trunk is administratively up. */
    public Builder adminStateUp(boolean up) {
      return set("admin_state_up", up);
    }

    /** Subports to start with (create only; later use {@link Trunks#addSubports}). */
    public Builder subPorts(List<SubPort> subPorts) {
      return set("sub_ports", ResourceRequest.subPorts(subPorts));
    }

    /** Tags the created trunk must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public TrunkRequest build() {
      return new TrunkRequest(this);
    }
  }
}
