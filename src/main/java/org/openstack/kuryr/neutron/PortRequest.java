package org.openstack.kuryr.neutron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates or updates a port. See {@link ResourceRequest} for what is sent. */
public final class PortRequest extends ResourceRequest {
  private PortRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PortRequest}; not thread-safe. */
  public static final class Builder extends ResourceRequest.Builder<Builder, PortRequest> {
    private Builder() {}

    /** The name. */
    public Builder name(String name) {
      return set("name", name);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    /** The network (create only). */
    public Builder networkId(String networkId) {
      return set("network_id", networkId);
    }

    /** The MAC address; Neutron generates one when unset. */
    public Builder macAddress(String macAddress) {
      return set("mac_address", macAddress);
    }

    /** The addresses; replaces all of them on update. */
    public Builder fixedIps(List<FixedIp> fixedIps) {
      return set("fixed_ips", ResourceRequest.fixedIps(fixedIps));
    }

    /** Who uses the port, e.g. {@code compute:kuryr}. */
    public Builder deviceOwner(String deviceOwner) {
      return set("device_owner", deviceOwner);
    }

    /** The using device, e.g. the container's endpoint id. */
    public Builder deviceId(String deviceId) {
      return set("device_id", deviceId);
    }

    /** Whether the port is administratively up. */
    public Builder adminStateUp(boolean up) {
      return set("admin_state_up", up);
    }

    /** The host to bind the port to ({@code binding:host_id}); empty string unbinds. Admin only. */
    public Builder bindingHostId(String hostId) {
      return set("binding:host_id", hostId);
    }

    /** The VNIC type, e.g. {@code normal}. */
    public Builder bindingVnicType(String vnicType) {
      return set("binding:vnic_type", vnicType);
    }

    /** Free-form binding information. Admin only. */
    public Builder bindingProfile(Map<String, Object> profile) {
      return set("binding:profile", new LinkedHashMap<>(profile));
    }

    /** Extra addresses the port may send from; replaces all of them on update. */
    public Builder allowedAddressPairs(List<AddressPair> pairs) {
      return set("allowed_address_pairs", pairs.stream().map(Builder::pair).toList());
    }

    /** The security groups; replaces all of them on update. */
    public Builder securityGroups(List<String> securityGroupIds) {
      return set("security_groups", List.copyOf(securityGroupIds));
    }

    /** The DNS name ({@code dns-integration}). */
    public Builder dnsName(String dnsName) {
      return set("dns_name", dnsName);
    }

    /** Whether anti-spoofing and security groups apply. */
    public Builder portSecurityEnabled(boolean enabled) {
      return set("port_security_enabled", enabled);
    }

    /** Tags the created port must carry. */
    public Builder tags(List<String> tags) {
      return setTags(tags);
    }

    @Override
    public PortRequest build() {
      return new PortRequest(this);
    }

    private static Map<String, Object> pair(AddressPair pair) {
      var map = new LinkedHashMap<String, Object>();
      map.put("ip_address", pair.ipAddress());
      putIfPresent(map, "mac_address", pair.macAddress());
      return map;
    }
  }
}
