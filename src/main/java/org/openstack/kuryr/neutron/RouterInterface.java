package org.openstack.kuryr.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A router's interface on a subnet, as {@code add_router_interface} reports it.
 *
 * @param routerId the router
 * @param portId the router's port on the subnet
 * @param subnetId the subnet
 * @param subnetIds every subnet the port has an address on; never {@code null}
 * @param networkId the subnet's network
 */
public record RouterInterface(
    @JsonProperty("id") String routerId,
    String portId,
    String subnetId,
    List<String> subnetIds,
    String networkId) {

  /** Copies the list, turning an absent one into an empty one. */
  public RouterInterface {
    subnetIds = Absent.asEmpty(subnetIds);
  }
}
