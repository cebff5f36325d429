package org.openstack.kuryr.mapping;

import org.openstack.kuryr.error.InvalidRequestException;

/**
 * Refuses exposed and published ports: used when {@code process_external_connectivity} is off, so
 * that a container asking for them fails instead of silently going without.
 */
final class UnsupportedConnectivity implements ExternalConnectivityService {
  @Override
  public void program(EndpointState endpoint, ExternalConnectivity connectivity) {
    if (!connectivity.exposedPorts().isEmpty() || !connectivity.publishedPorts().isEmpty()) {
      throw new InvalidRequestException(
          "exposed and published ports are turned off ([DEFAULT]"
              + " process_external_connectivity = false)");
    }
  }

  @Override
  public void revoke(EndpointState endpoint) {
    // nothing was opened
  }
}
