package org.openstack.kuryr.neutron;

/** Creates or updates a floating IP's port forwarding. See {@link ResourceRequest}. */
public final class PortForwardingRequest extends ResourceRequest {
  private PortForwardingRequest(Builder builder) {
    super(builder);
  }

  /** Starts a request with no attributes set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PortForwardingRequest}; not thread-safe. */
  public static final class Builder
      extends ResourceRequest.Builder<Builder, PortForwardingRequest> {
    private Builder() {}

    /** {@code tcp}, {@code udp}, ... */
    public Builder protocol(String protocol) {
      return set("protocol", protocol);
    }

    /** The port to forward to. */
    public Builder internalPortId(String portId) {
      return set("internal_port_id", portId);
    }

    /** The internal port's address to forward to. */
    public Builder internalIpAddress(String address) {
      return set("internal_ip_address", address);
    }

    /** The internal protocol port. */
    public Builder internalPort(int port) {
      return set("internal_port", port);
    }

    /** The external protocol port on the floating IP. */
    public Builder externalPort(int port) {
      return set("external_port", port);
    }

    /** An internal port range, {@code first:last} ({@code ...-port-ranges}). */
    public Builder internalPortRange(int first, int last) {
      return set("internal_port_range", first + ":" + last);
    }

    /** An external port range of the same size, {@code first:last}. */
    public Builder externalPortRange(int first, int last) {
      return set("external_port_range", first + ":" + last);
    }

    /** The description. */
    public Builder description(String description) {
      return set("description", description);
    }

    @Override
    public PortForwardingRequest build() {
      return new PortForwardingRequest(this);
    }
  }
}
