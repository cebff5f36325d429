package org.openstack.kuryr.mapping;

import org.openstack.kuryr.error.InvalidRequestException;

/**
 * Refuses exposed and published ports: used when {@code process_external_connectivity} is off, or
 * where they cannot work, so that a container asking for them fails instead of silently going
 * without.
 */
final class UnsupportedConnectivity implements ExternalConnectivityService {
  private final String reason;

  /** Refuses them because {@code process_external_connectivity} is off. */
  UnsupportedConnectivity() {
    this(
        "exposed and published ports are turned off ([DEFAULT]"
            + " process_external_connectivity = false)");
  }

  /** Refuses them with {@code reason} as the message. */
  UnsupportedConnectivity(String reason) {
    this.reason = reason;
  }

  @Override
  public void program(EndpointState endpoint, ExternalConnectivity connectivity) {
    if (!connectivity.exposedPorts().isEmpty() || !connectivity.publishedPorts().isEmpty()) {
      throw new InvalidRequestException(reason);
    }
  }

  @Override
  public void revoke(EndpointState endpoint) {
    // nothing was opened
  }
}
