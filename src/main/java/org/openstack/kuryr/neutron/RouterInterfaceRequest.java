package org.openstack.kuryr.neutron;

/**
 * Which interface to add to or remove from a router: by subnet (Neutron creates the router's port
 * with the subnet's gateway address) or by an existing port. Exactly one is set.
 *
 * @param subnetId the subnet, or {@code null}
 * @param portId the port, or {@code null}
 */
public record RouterInterfaceRequest(String subnetId, String portId) {
  /** Checks that exactly one of the two is set. */
  public RouterInterfaceRequest {
    if ((subnetId == null) == (portId == null)) {
      throw new IllegalArgumentException("a router interface takes a subnet or a port, not both");
    }
  }

  /** The interface on a subnet. */
  public static RouterInterfaceRequest subnet(String subnetId) {
    return new RouterInterfaceRequest(subnetId, null);
  }

  /** The interface through an existing port. */
  public static RouterInterfaceRequest port(String portId) {
    return new RouterInterfaceRequest(null, portId);
  }

  /** The id this request names, for messages. */
  public String target() {
    return subnetId != null ? "subnet " + subnetId : "port " + portId;
  }
}
