package org.openstack.kuryr.neutron;

import java.util.List;

/** Creates or updates a network. See {@link ResourceRequest} for what is sent. */
public final class NetworkRequest extends ResourceRequest {
  private NetworkRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NetworkRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, NetworkRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** Whether the network is administratively up. */
    public Builder adminStateUp(boolean up) {
      return set("admin_state_up", up);
    }

    /** The MTU ({@code net-mtu-writable}). */
    public Builder mtu(int mtu) {
      return set("mtu", mtu);
    }

    /** Whether other projects may use the network. */
    public Builder shared(boolean shared) {
      return set("shared", shared);
    }

    /** Whether it is an external network, for router gateways and floating IPs. */
    public Builder routerExternal(boolean external) {
      return set("router:external", external);
    }

    /** The provider network type, e.g. {@code vlan}, {@code geneve}; admin only. */
    public Builder networkType(String type) {
      return set("provider:network_type", type);
    }

    /** The provider physical network, e.g. {@code public}; admin only. */
    public Builder physicalNetwork(String physicalNetwork) {
      return set("provider:physical_network", physicalNetwork);
    }

    /** The provider segmentation id (VLAN id, VNI); admin only. */
    public Builder segmentationId(int segmentationId) {
      return set("provider:segmentation_id", segmentationId);
    }

    /** The DNS domain of the network's ports ({@code dns-integration}). */
    public Builder dnsDomain(String dnsDomain) {
      return set("dns_domain", dnsDomain);
    }

    /** The default of the ports' {@code port_security_enabled}. */
    public Builder portSecurityEnabled(boolean enabled) {
      return set("port_security_enabled", enabled);
    }

    /** Tags the created network must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public NetworkRequest build() {
      return new NetworkRequest(this);
    }
  }
}
