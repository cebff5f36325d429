package org.openstack.kuryr.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.error.InvalidRequestException;

/**
 * The {@code neutron.*} options of a Docker network ({@code -o}) or pool ({@code --ipam-opt}) that
 * name existing Neutron resources. Option names are the original kuryr's.
 *
 * @param network a network by UUID or name
 * @param subnet a subnet of this IP version by UUID or name
 * @param pool a subnet pool of this IP version by UUID or name
 * @param shared {@code neutron.net.shared}, when given
 */
record PoolOptions(
    Optional<Reference> network,
    Optional<Reference> subnet,
    Optional<Reference> pool,
    Optional<Boolean> shared) {

  /**
   * A Neutron resource named by the user.
   *
   * @param value the UUID or the name
   * @param byId whether {@code value} is a UUID (the {@code .uuid} option) or a name
   * @param option the option that named it, for messages
   */
  record Reference(String value, boolean byId, String option) {}

  /** Reads the options for the IPv4 or the IPv6 side. */
  static PoolOptions of(Map<String, String> options, boolean ipv6) {
    String family = ipv6 ? ".v6" : "";
    return new PoolOptions(
        reference(options, "neutron.net"),
        reference(options, "neutron.subnet" + family),
        reference(options, "neutron.pool" + family),
        bool(options, "neutron.net.shared"));
  }

  private static Optional<Reference> reference(Map<String, String> options, String prefix) {
    String uuid = nonBlank(options.get(prefix + ".uuid"));
    String name = nonBlank(options.get(prefix + ".name"));
    if (uuid != null && name != null) {
      throw new InvalidRequestException(
          "give " + prefix + ".uuid or " + prefix + ".name, not both");
    }
    if (uuid != null) {
      return Optional.of(new Reference(uuid, true, prefix + ".uuid"));
    }
    return Optional.ofNullable(name).map(n -> new Reference(n, false, prefix + ".name"));
  }

  private static Optional<Boolean> bool(Map<String, String> options, String key) {
    String value = nonBlank(options.get(key));
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> Optional.of(true);
      case "false", "no", "0" -> Optional.of(false);
      default ->
          throw new InvalidRequestException(
              "invalid " + key + " '" + value + "': expected true or false");
    };
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
