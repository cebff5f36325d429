package org.openstack.kuryr.neutron;

import java.util.List;

/** Neutron trunks (extension {@code trunk}). Thread-safe. */
public interface Trunks extends UpdatableResources<Trunk, TrunkRequest> {
  /**
   * Adds subports to a trunk.
   *
   * @return the trunk with its subports after the change
   * @throws NeutronException.Conflict when a port or VLAN is already in use on the trunk
   */
  Trunk addSubports(String trunkId, List<SubPort> subPorts);

  /**
   * Removes subports from a trunk.
   *
   * @param subPortIds the ports to remove
   * @return the trunk with its subports after the change
   * @throws NeutronException.NotFound when a port is not a subport of the trunk
   */
  Trunk removeSubports(String trunkId, List<String> subPortIds);

  /** The trunk's subports. */
  List<SubPort> subports(String trunkId);
}
