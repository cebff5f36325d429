package org.openstack.kuryr.neutron;

/** Neutron routers (extension {@code router}). Thread-safe. */
public interface Routers extends UpdatableResources<Router, RouterRequest> {
  /**
   * Attaches the router to a subnet.
   *
   * @throws NeutronException.BadRequest when the router already has an interface on the subnet
   */
  RouterInterface addInterface(String routerId, RouterInterfaceRequest request);

  /**
   * Detaches the router from a subnet. Safe to repeat.
   *
   * @return {@code true} when it was detached, {@code false} when the interface (or the router) was
   *     already gone
   */
  boolean removeInterface(String routerId, RouterInterfaceRequest request);
}
