package org.openstack.kuryr.mapping;

import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * The Neutron services of a container's port besides its binding: the security groups it is bound
 * with, and a floating IP of its own. Exposed and published ports are the {@link
 * ExternalConnectivityService}'s, since Docker opens and closes them with calls of their own.
 *
 * <p>Implementations are thread-safe; calls for one endpoint are serialized by the caller.
 */
interface PortServices {
  /** No services: ports keep what Neutron gives them. */
  PortServices NONE =
      new PortServices() {
        @Override
        public void addToBinding(
            PortRequest.Builder binding, Port port, NetworkView view, EndpointSpec spec) {
          // nothing to add
        }

        @Override
        public void attached(EndpointState endpoint, EndpointSpec spec) {
          // nothing to set up
        }

        @Override
        public void detaching(EndpointState endpoint) {
          // nothing to release
        }
      };

  /**
   * Adds to the update that binds the port the attributes the services set on the port itself (its
   * security groups), so that binding stays one request. Changes nothing in Neutron.
   *
   * @throws org.openstack.kuryr.error.InvalidRequestException when an option names something that
   *     does not exist
   */
  void addToBinding(PortRequest.Builder binding, Port port, NetworkView view, EndpointSpec spec);

  /**
   * Sets up what needs the bound port (a floating IP). On failure nothing it set up is left.
   *
   * @param endpoint the endpoint, wired
   * @param spec what Docker asked for
   */
  void attached(EndpointState endpoint, EndpointSpec spec);

  /** Releases what {@link #attached} set up, before the port is unplugged. Idempotent. */
  void detaching(EndpointState endpoint);
}
