package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * The trunk a port is the parent of ({@code trunk_details}, extension {@code trunk-details}).
 *
 * @param trunkId the trunk
 * @param subPorts its subports with their MACs; never {@code null}
 */
public record TrunkDetails(String trunkId, List<SubPort> subPorts) {
  /** Copies the list, turning an absent one into an empty one. */
  public TrunkDetails {
    subPorts = Absent.asEmpty(subPorts);
  }
}
