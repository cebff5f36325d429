package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of Neutron's services container ports get. Immutable.
 *
 * @param externalConnectivity whether exposed and published ports are opened (security group, port
 *     forwardings); when off, a container asking for them fails
 * @param defaultSecurityGroups the groups (names or IDs) of container ports that neither their
 *     network nor their endpoint names groups for; empty leaves Neutron's default group
 * @param externalNetwork where floating IPs come from (name or ID); empty: the external network of
 *     the router that serves the container's subnet
 */
public record ServiceSettings(
    boolean externalConnectivity,
    List<String> defaultSecurityGroups,
    Optional<String> externalNetwork) {

  /** Copies the list and checks for nulls. */
  public ServiceSettings {
    defaultSecurityGroups = List.copyOf(defaultSecurityGroups);
    Objects.requireNonNull(externalNetwork, "externalNetwork");
  }

  /** Exposed and published ports opened, Neutron's defaults for the rest. */
  public static ServiceSettings defaults() {
    return new ServiceSettings(true, List.of(), Optional.empty());
  }
}
