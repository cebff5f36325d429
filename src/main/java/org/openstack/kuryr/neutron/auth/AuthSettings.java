package org.openstack.kuryr.neutron.auth;

import java.time.Duration;
import java.util.Objects;
import org.openstack.kuryr.neutron.transport.TlsSettings;

/**
 * Everything needed to reach and authenticate to Neutron: credentials, where Neutron is, TLS and
 * the per-request timeout. Immutable and thread-safe; {@code toString} masks every secret, so the
 * effective settings can be logged at start.
 *
 * @param credentials how to authenticate
 * @param endpoint where Neutron is
 * @param tls TLS for Keystone and Neutron
 * @param requestTimeout the longest one HTTP request may take, connecting included
 */
public record AuthSettings(
    Credentials credentials, EndpointSelection endpoint, TlsSettings tls, Duration requestTimeout) {

  /** Checks the settings fit together. */
  public AuthSettings {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (credentials instanceof Credentials.None && endpoint.override() == null) {
      throw new IllegalArgumentException(
          "auth_type noauth needs endpoint_override: without Keystone there is no catalog");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + requestTimeout);
    }
  }
}
