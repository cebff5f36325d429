package org.openstack.kuryr.mapping;

import java.util.Locale;
import java.util.Optional;

/**
 * The DNS label a container name becomes as its port's {@code dns_name}. Docker allows names that
 * DNS does not ({@code my_app.1}); Neutron refuses those, so letters are lower-cased, every
 * character but letters, digits and hyphens becomes a hyphen, and the label is cut to 63 characters
 * without leading or trailing hyphens.
 */
final class DnsLabel {
  private static final int LONGEST_LABEL = 63;

  private DnsLabel() {}

  /** The label for a container name; empty when nothing usable is left. */
  static Optional<String> of(String containerName) {
    String label =
        containerName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
    if (label.length() > LONGEST_LABEL) {
      label = label.substring(0, LONGEST_LABEL);
    }
    label = label.replaceAll("-+$", "");
    return label.isEmpty() ? Optional.empty() : Optional.of(label);
  }
}
