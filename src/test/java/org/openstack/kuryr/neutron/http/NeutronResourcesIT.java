package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;

/** Networks, subnets and ports against the test bed's real Neutron (noauth). */
class NeutronResourcesIT {
  private final String prefix = TestBed.uniquePrefix();
  private final Undo undo = new Undo();
  private HttpNeutronClient client;

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

  @Test
  void networkIsCreatedFoundByTagsUpdatedAndDeleted() {
    Network network = network(prefix + "-net", List.of(prefix, "blue"));

    assertThat(network.tags()).containsExactlyInAnyOrder(prefix, "blue");
    assertThat(network.mtu()).isPositive();
    assertThat(ids(client.networks().list(Query.tagged(prefix, "blue"))))
        .containsExactly(network.id());
    assertThat(ids(client.networks().list(Query.builder().tagsAny(prefix, "nope").build())))
        .containsExactly(network.id());
    assertThat(ids(client.networks().list(Query.builder().tags(prefix).notTags("blue").build())))
        .isEmpty();
    assertThat(ids(client.networks().list(Query.builder().tags(prefix).notTagsAny("red").build())))
        .containsExactly(network.id());

    Network renamed =
        client
            .networks()
            .update(network.id(), NetworkRequest.builder().name(prefix + "-x").build());
    assertThat(renamed.name()).isEqualTo(prefix + "-x");
    assertThat(client.networks().delete(network.id())).isTrue();
    assertThat(client.networks().delete(network.id())).isFalse();
    assertThat(client.networks().find(network.id())).isEmpty();
  }

  @Test
  void subnetWithoutGatewayKeepsNullGateway() {
    Network network = network(prefix + "-net", List.of(prefix));
    Subnet subnet =
        subnet(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .cidr("10.231.0.0/24")
                .noGateway()
                .allocationPools(List.of(new Subnet.AllocationPool("10.231.0.10", "10.231.0.200")))
                .enableDhcp(false)
                .tags(List.of(prefix))
                .build());

    assertThat(subnet.gatewayIp()).isNull();
    assertThat(subnet.tags()).containsExactly(prefix);
    Subnet withGateway =
        client
            .subnets()
            .update(subnet.id(), SubnetRequest.builder().gatewayIp("10.231.0.1").build());
    assertThat(withGateway.gatewayIp()).isEqualTo("10.231.0.1");
  }

  @Test
  void portIsCreatedTaggedFoundByFixedIpAndUpdatedAtExpectedRevision() {
    Network network = network(prefix + "-net", List.of(prefix));
    Subnet subnet = cidrSubnet(network, "10.232.0.0/24");
    Port port =
        port(
            PortRequest.builder()
                .networkId(network.id())
                .name(prefix + "-port")
                .fixedIps(List.of(FixedIp.of(subnet.id(), "10.232.0.10")))
                .deviceOwner("compute:kuryr")
                .tags(List.of(prefix, "endpoint"))
                .build());

    assertThat(port.tags()).containsExactlyInAnyOrder(prefix, "endpoint");
    assertThat(port.fixedIps()).containsExactly(FixedIp.of(subnet.id(), "10.232.0.10"));
    Query byAddress = Query.where("fixed_ips", "ip_address=10.232.0.10");
    assertThat(
            ids(
                client
                    .ports()
                    .list(
                        Query.builder()
                            .tags(prefix)
                            .where("fixed_ips", "ip_address=10.232.0.10")
                            .build())))
        .containsExactly(port.id());

    Port current = client.ports().get(port.id());
    Port updated =
        client
            .ports()
            .update(
                port.id(), PortRequest.builder().dnsName("web1").build(), current.revisionNumber());
    assertThat(updated.dnsName()).isEqualTo("web1");
    assertThatThrownBy(
            () ->
                client
                    .ports()
                    .update(
                        port.id(),
                        PortRequest.builder().dnsName("web2").build(),
                        current.revisionNumber()))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class, e -> assertThat(e.isRevisionMismatch()).isTrue());
    assertThat(byAddress).isNotNull();
  }

  @Test
  void tagsAreAddedRemovedAndReplaced() {
    Network network = network(prefix + "-net", List.of());
    var tags = client.tags();

    tags.add(ResourceKind.NETWORK, network.id(), prefix);
    tags.add(ResourceKind.NETWORK, network.id(), "a b%c");
    assertThat(tags.list(ResourceKind.NETWORK, network.id()))
        .containsExactlyInAnyOrder(prefix, "a b%c");
    assertThat(tags.remove(ResourceKind.NETWORK, network.id(), "a b%c")).isTrue();
    assertThat(tags.remove(ResourceKind.NETWORK, network.id(), "a b%c")).isFalse();
    assertThat(tags.replace(ResourceKind.NETWORK, network.id(), List.of(prefix, "x")))
        .containsExactlyInAnyOrder(prefix, "x");
  }

  private Network network(String name, List<String> tags) {
    Network network =
        client.networks().create(NetworkRequest.builder().name(name).tags(tags).build());
    return undo.push(network, () -> client.networks().delete(network.id()));
  }

  private Subnet cidrSubnet(Network network, String cidr) {
    return subnet(
        SubnetRequest.builder()
            .networkId(network.id())
            .ipVersion(4)
            .cidr(cidr)
            .enableDhcp(false)
            .build());
  }

  private Subnet subnet(SubnetRequest request) {
    Subnet subnet = client.subnets().create(request);
    return undo.push(subnet, () -> client.subnets().delete(subnet.id()));
  }

  private Port port(PortRequest request) {
    Port port = client.ports().create(request);
    return undo.push(port, () -> client.ports().delete(port.id()));
  }

  private static List<String> ids(List<? extends Record> resources) {
    return resources.stream()
        .map(
            r ->
                switch (r) {
                  case Network n -> n.id();
                  case Port p -> p.id();
                  default -> throw new IllegalArgumentException(r.toString());
                })
        .toList();
  }
}
