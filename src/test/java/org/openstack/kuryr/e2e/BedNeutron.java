package org.openstack.kuryr.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openstack.kuryr.mapping.KuryrTags;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.auth.AuthSettings;
import org.openstack.kuryr.neutron.auth.Credentials;
import org.openstack.kuryr.neutron.auth.EndpointSelection;
import org.openstack.kuryr.neutron.http.HttpNeutronClient;
import org.openstack.kuryr.neutron.transport.TlsSettings;

/** The test bed's Neutron, as tests inspect and prepare it. */
final class BedNeutron {
  static final URI URL =
      URI.create(System.getProperty("kuryr.it.neutron", "http://127.0.0.1:9696"));

  private BedNeutron() {}

  static NeutronClient client() {
    return HttpNeutronClient.builder(
            new AuthSettings(
                new Credentials.None(),
                EndpointSelection.fixed(URL),
                TlsSettings.DEFAULT,
                Duration.ofSeconds(30)))
        .build();
  }

  /** The Neutron network of a Docker network, found by its tags as kuryr does. */
  static List<Network> networksOf(NeutronClient neutron, String dockerNetworkId) {
    return neutron
        .networks()
        .list(Query.tagged(KuryrTags.idTags(dockerNetworkId).toArray(String[]::new)));
  }

  static Network networkOf(NeutronClient neutron, String dockerNetworkId) {
    List<Network> networks = networksOf(neutron, dockerNetworkId);
    if (networks.size() != 1) {
      throw new AssertionError(
          networks.size() + " Neutron networks for Docker network " + dockerNetworkId);
    }
    return networks.getFirst();
  }

  /** The ports of containers on a Neutron network. */
  /**
   * The ports of containers on a Neutron network: kuryr's, but neither the free ports of a host's
   * pool nor released ones whose deletion is under way.
   */
  static List<Port> containerPorts(NeutronClient neutron, String networkId) {
    return neutron
        .ports()
        .list(
            Query.builder()
                .where("network_id", networkId)
                .where("device_owner", "compute:kuryr")
                .build())
        .stream()
        .filter(BedNeutron::usedByAContainer)
        .toList();
  }

  /** Whether a kuryr port serves a container: not free in a pool, not released. */
  static boolean usedByAContainer(Port port) {
    // A pool port is tagged right after its batch is created: until then it has only its name.
    boolean poolPort =
        port.tags().contains(KuryrTags.POOL_PORT) || port.name().equals(KuryrTags.POOL_PORT_NAME);
    boolean freeInAPool = poolPort && KuryrTags.idOf(port.tags()).isEmpty();
    return !freeInAPool && !port.tags().contains(KuryrTags.RELEASED_PORT);
  }

  static List<Subnet> subnets(NeutronClient neutron, String networkId) {
    return neutron.subnets().list(Query.where("network_id", networkId));
  }

  /** The port holding an address. */
  static Port portWithAddress(NeutronClient neutron, String networkId, String address) {
    List<Port> ports =
        neutron
            .ports()
            .list(
                Query.builder()
                    .where("network_id", networkId)
                    .where("fixed_ips", "ip_address=" + address)
                    .build());
    if (ports.size() != 1) {
      throw new AssertionError(ports.size() + " ports hold " + address);
    }
    return ports.getFirst();
  }

  /**
   * The port once Neutron reports it {@code ACTIVE}. The daemon waits for OVN's own signal that the
   * flows are in, which comes first; Neutron's status follows within a second or so.
   */
  static Port awaitActive(NeutronClient neutron, Port port) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    Port current = port;
    while (!current.isActive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      current = neutron.ports().get(port.id());
    }
    return current;
  }
}
