package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where Neutron is: a fixed URL, or the {@code network} service of Keystone's catalog in a region,
 * on an interface. Immutable and thread-safe.
 *
 * @param override Neutron's URL, used instead of the catalog; {@code null} to use the catalog
 * @param regionName the catalog region, or {@code null} for any
 * @param endpointInterface which of the service's endpoints
 */
public record EndpointSelection(
    URI override, String regionName, EndpointSelection.Interface endpointInterface) {

  /** Checks the interface is given. */
  public EndpointSelection {
    Objects.requireNonNull(endpointInterface, "endpoint_type");
  }

  /** The catalog's public endpoint in any region. */
  public static EndpointSelection catalog() {
    return new EndpointSelection(null, null, Interface.PUBLIC);
  }

  /** A fixed URL. */
  public static EndpointSelection fixed(URI override) {
    return new EndpointSelection(Objects.requireNonNull(override), null, Interface.PUBLIC);
  }

  /** An endpoint interface of Keystone's catalog. */
  public enum Interface {
    PUBLIC,
    INTERNAL,
    ADMIN;

    /**
     * Reads {@code public}, {@code internal}, {@code admin}, also in the older {@code publicURL}
     * style, any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Interface parse(String text) {
      String name = text.strip().toLowerCase(Locale.ROOT);
      if (name.endsWith("url")) {
        name = name.substring(0, name.length() - 3);
      }
      return switch (name) {
        case "public" -> PUBLIC;
        case "internal" -> INTERNAL;
        case "admin" -> ADMIN;
        default ->
            throw new IllegalArgumentException(
                "expected public, internal or admin, got '" + text + "'");
      };
    }

    /** The name as Keystone's catalog writes it, e.g. {@code public}. */
    public String catalogName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
