package org.openstack.kuryr.neutron.auth;

import java.util.Objects;

/**
 * A password, token or application credential secret. Its {@code toString} never shows the value,
 * so records holding one can be logged safely. Immutable and thread-safe.
 *
 * @param value the secret itself; only the code that sends it to Keystone reads it
 */
public record Secret(String value) {
  /** Checks that the value is present. */
  public Secret {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "****";
  }
}
