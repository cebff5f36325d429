package org.openstack.kuryr.mapping;

/**
 * Opens a container's exposed and published ports to the outside, and closes them again.
 *
 * <p>Implementations are thread-safe; revoking is idempotent.
 */
interface ExternalConnectivityService {
  /** Opens the ports of a wired endpoint. */
  void program(EndpointState endpoint, ExternalConnectivity connectivity);

  /** Closes what {@link #program} opened for the endpoint, if anything. */
  void revoke(EndpointState endpoint);
}
