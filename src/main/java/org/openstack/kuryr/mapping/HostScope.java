package org.openstack.kuryr.mapping;

import java.util.Objects;
import org.openstack.kuryr.neutron.Port;

/**
 * The host this daemon binds ports to, and the limit that sets on what it may do with ports it
 * finds in Neutron. Daemons on many hosts share the Neutron networks of their Docker networks, and
 * a port is found by its address, which says nothing about the host using it: each daemon takes,
 * resets and deletes only ports that are unbound or bound to its own host.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hostId this host's name as ports are bound to it ({@code binding:host_id}); not blank
 */
record HostScope(String hostId) {

  /** Validates the host name. */
  HostScope {
    Objects.requireNonNull(hostId, "hostId");
    if (hostId.isBlank()) {
      throw new IllegalArgumentException("host id must not be blank");
    }
  }

  /** Whether the port is bound to some other host, whose daemon alone may touch it. */
  boolean boundElsewhere(Port port) {
    String boundTo = port.bindingHostId();
    return boundTo != null && !boundTo.isEmpty() && !boundTo.equals(hostId);
  }
}
