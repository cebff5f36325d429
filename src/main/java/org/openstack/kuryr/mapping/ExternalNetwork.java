package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.openstack.kuryr.error.InternalException;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Query;

/**
 * The external network configured for floating IPs ({@code [neutron] external_network}), by name or
 * ID, looked up once. When none is configured, floating IPs come from the external network of the
 * router that serves the container's subnet.
 *
 * <p>Thread-safe.
 */
final class ExternalNetwork {
  private final NeutronClient neutron;
  private final Optional<String> configured;
  private final AtomicReference<String> resolvedId = new AtomicReference<>();

  ExternalNetwork(NeutronClient neutron, Optional<String> configured) {
    this.neutron = neutron;
    this.configured = configured.map(String::strip).filter(c -> !c.isEmpty());
  }

  /**
   * The configured network's ID, if one is configured.
   *
   * @throws InternalException when the configured network does not exist or is not external
   */
  Optional<String> id() {
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    String known = resolvedId.get();
    if (known == null) {
      known = lookup(configured.get());
      resolvedId.set(known);
    }
    return Optional.of(known);
  }

  private String lookup(String reference) {
    Optional<Network> byId =
        NeutronFailures.call(
            "find external network " + reference, () -> neutron.networks().find(reference));
    List<Network> found =
        byId.map(List::of)
            .orElseGet(
                () ->
                    NeutronFailures.call(
                        "find external network " + reference,
                        () -> neutron.networks().list(Query.where("name", reference))));
    List<Network> external =
        found.stream().filter(n -> Boolean.TRUE.equals(n.routerExternal())).toList();
    if (external.size() != 1) {
      throw new InternalException(
          "[neutron] external_network '"
              + reference
              + "' names "
              + external.size()
              + " external networks: name exactly one, by ID if names repeat");
    }
    return external.getFirst().id();
  }
}
