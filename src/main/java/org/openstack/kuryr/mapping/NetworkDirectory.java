package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;

/**
 * Finds the Neutron network of a Docker network by its tags, and keeps what it found: a network's
 * identity, MTU and subnets rarely change, and every container lifecycle needs them several times.
 * Entries are replaced on the paths that change them (create, delete, a subnet found missing).
 *
 * <p>Thread-safe.
 */
final class NetworkDirectory {
  private final NeutronClient neutron;
  private final ConcurrentHashMap<String, NetworkView> views = new ConcurrentHashMap<>();

  NetworkDirectory(NeutronClient neutron) {
    this.neutron = neutron;
  }

  /** The Docker network's Neutron side, from memory or from Neutron. */
  Optional<NetworkView> find(String dockerNetworkId) {
    NetworkView cached = views.get(dockerNetworkId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<NetworkView> found = lookup(dockerNetworkId);
    found.ifPresent(this::remember);
    return found;
  }

  /**
   * The Docker network's Neutron side.
   *
   * @throws InvalidRequestException when Neutron has no network for it
   */
  NetworkView require(String dockerNetworkId) {
    return find(dockerNetworkId)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "no Neutron network for Docker network "
                        + shortId(dockerNetworkId)
                        + ": it was not created by kuryr or was deleted from Neutron"));
  }

  /** Reads the network's subnets again, e.g. when a port sits on a subnet not seen before. */
  NetworkView refresh(NetworkView view) {
    NetworkView fresh = view.withSubnets(subnetsOf(view.networkId()));
    remember(fresh);
    return fresh;
  }

  void remember(NetworkView view) {
    views.put(view.dockerNetworkId(), view);
  }

  void forget(String dockerNetworkId) {
    views.remove(dockerNetworkId);
  }

  private Optional<NetworkView> lookup(String dockerNetworkId) {
    List<String> tags = KuryrTags.idTags(dockerNetworkId);
    List<Network> networks;
    try {
      networks = neutron.networks().list(Query.tagged(tags.toArray(String[]::new)));
    } catch (NeutronException e) {
      throw NeutronFailures.translate("find network of " + shortId(dockerNetworkId), e);
    }
    if (networks.size() > 1) {
      throw new ConflictException(
          "failed to find network of "
              + shortId(dockerNetworkId)
              + ": "
              + networks.size()
              + " Neutron networks carry its tags "
              + tags);
    }
    return networks.stream()
        .findFirst()
        .map(
            network ->
                new NetworkView(
                    dockerNetworkId,
                    network,
                    subnetsOf(network.id()),
                    network.tags().contains(KuryrTags.existingNetworkTag(dockerNetworkId))));
  }

  private List<Subnet> subnetsOf(String networkId) {
    try {
      return neutron.subnets().list(Query.where("network_id", networkId));
    } catch (NeutronException e) {
      throw NeutronFailures.translate("list subnets of network " + networkId, e);
    }
  }

  static String shortId(String dockerId) {
    return dockerId.length() > 12 ? dockerId.substring(0, 12) : dockerId;
  }
}
