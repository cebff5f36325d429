package org.openstack.kuryr.binding;

import java.util.Objects;

/**
 * A network device on this host whose name carries one of kuryr's prefixes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the device name
 * @param kind the kernel's link kind: {@code veth}, {@code vlan} or {@code macvlan}
 * @param portIdPrefix the first 11 characters of the Neutron port ID the name was made from
 */
public record HostLink(String name, String kind, String portIdPrefix) {

  /** Validates the arguments. */
  public HostLink {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(portIdPrefix, "portIdPrefix");
  }
}
