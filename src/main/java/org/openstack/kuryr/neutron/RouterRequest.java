package org.openstack.kuryr.neutron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates or updates a router. See {@link ResourceRequest} for what is sent. */
public final class RouterRequest extends ResourceRequest {
  private RouterRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RouterRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, RouterRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** Whether the router is administratively up. */
    public Builder adminStateUp(boolean up) {
      return set("admin_state_up", up);
    }

    /** The gateway to an external network. */
    public Builder externalGateway(Router.ExternalGatewayInfo gateway) {
      var map = new LinkedHashMap<String, Object>();
      map.put("network_id", gateway.networkId());
      putIfPresent(map, "enable_snat", gateway.enableSnat());
      if (!gateway.externalFixedIps().isEmpty()) {
        map.put("external_fixed_ips", ResourceRequest.fixedIps(gateway.externalFixedIps()));
      }
      return set("external_gateway_info", map);
    }

    /** Removes the gateway (update only; sends an empty {@code external_gateway_info}). */
    public Builder noExternalGateway() {
      return set("external_gateway_info", Map.of());
    }

    /** Tags the created router must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public RouterRequest build() {
      return new RouterRequest(this);
    }
  }
}
