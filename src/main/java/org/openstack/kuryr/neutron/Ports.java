package org.openstack.kuryr.neutron;

import java.util.List;

/** Neutron ports. Thread-safe. */
public interface Ports extends UpdatableResources<Port, PortRequest> {
  /**
   * Creates several ports in one request (Neutron's bulk create): all are created or none. Their
   * tags are set as by {@link #create(ResourceRequest)}; if tagging afterwards fails, every port
   * created is deleted again.
   *
   * @return the ports in the order of the requests
   */
  List<Port> create(List<PortRequest> requests);
}
