package org.openstack.kuryr.neutron.http;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;

/**
 * A test against the bed's real Neutron (noauth) with a client, a unique name prefix, and cleanup
 * of everything it created, newest first.
 */
abstract class BedTest {
  final String prefix = TestBed.uniquePrefix();
  final Undo undo = new Undo();
  HttpNeutronClient client;

  @BeforeEach
  void connect() {
    client = HttpNeutronClient.builder(TestBed.noauth()).build();
  }

  @AfterEach
  void cleanUp() {
    try {
      undo.close();
    } finally {
      client.close();
    }
  }

  Network network(List<String> tags) {
    return network(NetworkRequest.builder().name(prefix + "-net").tags(tags).build());
  }

  Network network(NetworkRequest request) {
    Network network = client.networks().create(request);
    return undo.push(network, () -> client.networks().delete(network.id()));
  }

  Subnet subnet(Network network, String cidr) {
    return subnet(
        SubnetRequest.builder()
            .networkId(network.id())
            .name(prefix + "-subnet")
            .ipVersion(4)
            .cidr(cidr)
            .enableDhcp(false)
            .build());
  }

  Subnet subnet(SubnetRequest request) {
    Subnet subnet = client.subnets().create(request);
    return undo.push(subnet, () -> client.subnets().delete(subnet.id()));
  }

  Port port(PortRequest request) {
    Port port = client.ports().create(request);
    return undo.push(port, () -> client.ports().delete(port.id()));
  }

  Port port(Network network) {
    return port(PortRequest.builder().networkId(network.id()).name(prefix + "-port").build());
  }

  static List<String> ids(List<?> resources) {
    return resources.stream().map(BedTest::id).toList();
  }

  private static String id(Object resource) {
    return switch (resource) {
      case Network n -> n.id();
      case Subnet s -> s.id();
      case Port p -> p.id();
      case org.openstack.kuryr.neutron.SubnetPool p -> p.id();
      case org.openstack.kuryr.neutron.SecurityGroup g -> g.id();
      case org.openstack.kuryr.neutron.SecurityGroupRule r -> r.id();
      case org.openstack.kuryr.neutron.Trunk t -> t.id();
      case org.openstack.kuryr.neutron.Router r -> r.id();
      case org.openstack.kuryr.neutron.FloatingIp f -> f.id();
      case org.openstack.kuryr.neutron.PortForwarding f -> f.id();
      default -> throw new IllegalArgumentException("no id in " + resource);
    };
  }
}
