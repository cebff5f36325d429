package org.openstack.kuryr.neutron;

import java.util.List;

/** Creates or updates a floating IP. See {@link ResourceRequest} for what is sent. */
public final class FloatingIpRequest extends ResourceRequest {
  private FloatingIpRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Detaches the floating IP from its port (sends {@code port_id: null}). */
  public static FloatingIpRequest disassociate() {
    return builder().attribute("port_id", null).build();
  }

  /** Builds a {@link FloatingIpRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, FloatingIpRequest> {
    private Builder() {}

    /** The external network to take the address from (create only). */
    public Builder floatingNetworkId(String networkId) {
      return set("floating_network_id", networkId);
    }

    /** A specific external address (create only; admin only by default policy). */
    public Builder floatingIpAddress(String address) {
      return set("floating_ip_address", address);
    }

    /** The port to associate with. */
    public Builder portId(String portId) {
      return set("port_id", portId);
    }

    /** Which of the port's addresses to map to, when it has several. */
    public Builder fixedIpAddress(String address) {
      return set("fixed_ip_address", address);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** Tags the created floating IP must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public FloatingIpRequest build() {
      return new FloatingIpRequest(this);
    }
  }
}
