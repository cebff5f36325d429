package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;

/** Networks, subnets, subnet pools, ports and tags against the test bed's real Neutron. */
class NeutronResourcesIT extends BedTest {

  @Test
  void capabilitiesListWhatKuryrNeeds() {
    Capabilities capabilities = client.capabilities();

    assertThat(capabilities.tags()).isTrue();
    assertThat(capabilities.subnetAllocation()).isTrue();
    assertThat(capabilities.trunk()).isTrue();
    assertThat(capabilities.binding()).isTrue();
    assertThat(capabilities.revisionIfMatch()).isTrue();
    assertThat(capabilities.portForwardingPortRanges()).isTrue();
    assertThat(capabilities.has("no-such-extension")).isFalse();
  }

  @Test
  void networkIsCreatedFoundByTagsUpdatedAndDeleted() {
    Network network = network(List.of(prefix, "blue"));

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
    Network network = network(List.of(prefix));
    Subnet subnet =
        subnet(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .cidr("10.231.0.0/24")
                .noGateway()
                .allocationPools(List.of(new Subnet.AllocationPool("10.231.0.10", "10.231.0.200")))
                .hostRoutes(List.of(new Subnet.HostRoute("10.99.0.0/16", "10.231.0.5")))
                .dnsNameservers(List.of("10.231.0.2"))
                .enableDhcp(false)
                .tags(List.of(prefix))
                .build());

    assertThat(subnet.gatewayIp()).isNull();
    assertThat(subnet.tags()).containsExactly(prefix);
    assertThat(subnet.hostRoutes())
        .containsExactly(new Subnet.HostRoute("10.99.0.0/16", "10.231.0.5"));
    assertThat(subnet.dnsNameservers()).containsExactly("10.231.0.2");
    Subnet withGateway =
        client
            .subnets()
            .update(subnet.id(), SubnetRequest.builder().gatewayIp("10.231.0.1").build());
    assertThat(withGateway.gatewayIp()).isEqualTo("10.231.0.1");
    assertThat(ids(client.subnets().list(Query.where("network_id", network.id()))))
        .containsExactly(subnet.id());
  }

  @Test
  void subnetIsCarvedFromAPoolThatIsFoundUpdatedAndDeleted() {
    SubnetPool pool =
        client
            .subnetPools()
            .create(
                SubnetPoolRequest.builder()
                    .name(prefix + "-pool")
                    .prefixes(List.of("10.233.0.0/16"))
                    .defaultPrefixlen(26)
                    .tags(List.of(prefix))
                    .build());
    undo.push(pool, () -> client.subnetPools().delete(pool.id()));
    Network network = network(List.of(prefix));

    Subnet subnet =
        subnet(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .subnetpoolId(pool.id())
                .prefixlen(28)
                .build());

    assertThat(pool.defaultPrefixlen()).isEqualTo(26);
    assertThat(pool.isDefault()).isFalse();
    assertThat(subnet.subnetpoolId()).isEqualTo(pool.id());
    assertThat(subnet.cidr()).startsWith("10.233.").endsWith("/28");
    assertThat(ids(client.subnetPools().list(Query.tagged(prefix)))).containsExactly(pool.id());
    SubnetPool grown =
        client
            .subnetPools()
            .update(
                pool.id(),
                SubnetPoolRequest.builder()
                    .prefixes(List.of("10.233.0.0/16", "10.234.0.0/16"))
                    .build());
    assertThat(grown.prefixes()).containsExactlyInAnyOrder("10.233.0.0/16", "10.234.0.0/16");
  }

  @Test
  void portIsCreatedBoundTaggedFoundByFixedIpAndUpdatedAtExpectedRevision() {
    Network network = network(List.of(prefix));
    Subnet subnet = subnet(network, "10.232.0.0/24");
    Port port =
        port(
            PortRequest.builder()
                .networkId(network.id())
                .name(prefix + "-port")
                .fixedIps(List.of(FixedIp.of(subnet.id(), "10.232.0.10")))
                .deviceOwner("compute:kuryr")
                .deviceId(prefix)
                .bindingHostId(prefix + "-host")
                .bindingProfile(Map.of("origin", "kuryr"))
                .allowedAddressPairs(List.of(new AddressPair("10.232.0.128/25", null)))
                .tags(List.of(prefix, "endpoint"))
                .build());

    assertThat(port.tags()).containsExactlyInAnyOrder(prefix, "endpoint");
    assertThat(port.fixedIps()).containsExactly(FixedIp.of(subnet.id(), "10.232.0.10"));
    assertThat(port.bindingHostId()).isEqualTo(prefix + "-host");
    assertThat(port.bindingProfile()).containsEntry("origin", "kuryr");
    assertThat(port.allowedAddressPairs())
        .extracting(AddressPair::ipAddress)
        .containsExactly("10.232.0.128/25");
    assertThat(port.macAddress()).matches("[0-9a-f:]{17}");
    Query byAddress =
        Query.builder().tags(prefix).where("fixed_ips", "ip_address=10.232.0.10").build();
    assertThat(ids(client.ports().list(byAddress))).containsExactly(port.id());

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
  }

  @Test
  void bulkCreateMakesEveryPortInOneRequest() {
    Network network = network(List.of(prefix));
    subnet(network, "10.235.0.0/24");
    var requests = new ArrayList<PortRequest>();
    for (int i = 0; i < 3; i++) {
      requests.add(
          PortRequest.builder()
              .networkId(network.id())
              .name(prefix + "-bulk-" + i)
              .tags(List.of(prefix, "bulk"))
              .build());
    }
    long postsBefore = client.requestCounters().network("POST");
    client.capabilities();

    List<Port> ports = client.ports().create(requests);
    ports.forEach(p -> undo.push(p, () -> client.ports().delete(p.id())));

    assertThat(ports)
        .extracting(Port::name)
        .containsExactly(prefix + "-bulk-0", prefix + "-bulk-1", prefix + "-bulk-2");
    assertThat(ports)
        .allSatisfy(p -> assertThat(p.tags()).containsExactlyInAnyOrder(prefix, "bulk"));
    assertThat(client.requestCounters().network("POST") - postsBefore).isEqualTo(1);
    assertThat(ids(client.ports().list(Query.tagged(prefix, "bulk"))))
        .containsExactlyInAnyOrderElementsOf(ids(ports));
  }

  @Test
  void listingFollowsPagesToTheEnd() {
    Network network = network(List.of(prefix));
    for (int i = 0; i < 5; i++) {
      port(PortRequest.builder().networkId(network.id()).tags(List.of(prefix)).build());
    }
    long getsBefore = client.requestCounters().network("GET");

    List<Port> ports = client.ports().list(Query.builder().tags(prefix).pageSize(2).build());

    assertThat(ports).hasSize(5);
    assertThat(ids(ports)).doesNotHaveDuplicates();
    assertThat(client.requestCounters().network("GET") - getsBefore).isBetween(3L, 4L);
  }

  @Test
  void fieldsSelectionReturnsOnlyThoseFields() {
    Network network = network(List.of(prefix));

    List<Network> found =
        client.networks().list(Query.builder().tags(prefix).fields("id", "name").build());

    assertThat(found)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.id()).isEqualTo(network.id());
              assertThat(n.mtu()).isNull();
              assertThat(n.tags()).isEmpty();
            });
  }

  @Test
  void tagsAreAddedRemovedAndReplaced() {
    Network network = network(List.of());
    var tags = client.tags();

    tags.add(ResourceKind.NETWORK, network.id(), prefix);
    tags.add(ResourceKind.NETWORK, network.id(), "a b%c");
    tags.add(ResourceKind.NETWORK, network.id(), prefix);
    assertThat(tags.list(ResourceKind.NETWORK, network.id()))
        .containsExactlyInAnyOrder(prefix, "a b%c");
    assertThat(tags.remove(ResourceKind.NETWORK, network.id(), "a b%c")).isTrue();
    assertThat(tags.remove(ResourceKind.NETWORK, network.id(), "a b%c")).isFalse();
    assertThat(tags.replace(ResourceKind.NETWORK, network.id(), List.of(prefix, "x/y")))
        .containsExactlyInAnyOrder(prefix, "x/y");
    assertThat(ids(client.networks().list(Query.tagged("x/y")))).containsExactly(network.id());
  }
}
