package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.SimulatedHost.Container;
import org.openstack.kuryr.mapping.SimulatedHost.DockerNetwork;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/**
 * Two hosts, each with its own Docker and kuryr daemon, sharing Neutron networks: a Docker network
 * on the second host joins the first one's Neutron network by name, and neither host's removals
 * touch what the other still uses.
 */
class SharedNetworkTest {
  private static final String CIDR = "10.20.30.0/24";

  private final FakeNeutron neutron = new FakeNeutron();
  private final SimulatedHost one = new SimulatedHost(neutron, "host-one");
  private final SimulatedHost two = new SimulatedHost(neutron, "host-two");

  private static Map<String, String> joining(Network network) {
    return Map.of("neutron.net.name", network.name());
  }

  private Network onlyNetwork() {
    assertThat(neutron.state().networks()).hasSize(1);
    return neutron.state().networks().getFirst();
  }

  private Port portOf(Container container) {
    return neutron.state().userPorts().stream()
        .filter(p -> p.fixedIps().stream().anyMatch(ip -> ip.ipAddress().equals(container.ip())))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void secondHostJoinsTheFirstHostsNetworkByNameAndSharesItsSubnetAndPool() {
    DockerNetwork first = one.createNetwork(CIDR, Map.of());
    Network network = onlyNetwork();
    DockerNetwork second = two.createNetwork(CIDR, joining(network));

    Container a = one.run(first);
    Container b = two.run(second);

    assertThat(neutron.state().networks()).hasSize(1);
    assertThat(neutron.state().subnets()).extracting(Subnet::cidr).containsExactly(CIDR);
    assertThat(neutron.state().subnetPools()).hasSize(1);
    assertThat(second.poolId()).isEqualTo(first.poolId());
    assertThat(second.gateway()).isEqualTo(first.gateway());
    assertThat(portOf(a).bindingHostId()).isEqualTo("host-one");
    assertThat(portOf(b).bindingHostId()).isEqualTo("host-two");
    assertThat(portOf(a).networkId()).isEqualTo(portOf(b).networkId()).isEqualTo(network.id());
    assertThat(a.ip()).isNotEqualTo(b.ip());
  }

  @Test
  void removingEverythingOnTheSecondHostLeavesTheFirstHostsPortsAndNetwork() {
    DockerNetwork first = one.createNetwork(CIDR, Map.of());
    Network network = onlyNetwork();
    DockerNetwork second = two.createNetwork(CIDR, joining(network));
    Container a = one.run(first);
    Port before = portOf(a);
    Container b = two.run(second);

    two.remove(b);
    two.removeNetwork(second);

    assertThat(neutron.state().userPorts()).containsExactly(before);
    Network after = onlyNetwork();
    assertThat(after.id()).isEqualTo(network.id());
    assertThat(after.tags()).containsExactlyInAnyOrderElementsOf(network.tags());
    assertThat(neutron.state().subnets()).hasSize(1);
    assertThat(neutron.state().subnetPools()).hasSize(1);
    assertThat(one.run(first).ip()).isNotEqualTo(a.ip());
  }

  @Test
  void networkCreatedOnTheFirstHostStaysWhileTheSecondUsesItAndGoesWithTheSecond() {
    DockerNetwork first = one.createNetwork(CIDR, Map.of());
    DockerNetwork second = two.createNetwork(CIDR, joining(onlyNetwork()));
    Container b = two.run(second);

    one.removeNetwork(first);
    assertThat(onlyNetwork().tags()).contains(KuryrTags.CREATED_NETWORK);
    assertThat(portOf(b).bindingHostId()).isEqualTo("host-two");
    Container c = two.run(second);

    two.remove(b);
    two.remove(c);
    two.removeNetwork(second);

    assertThat(neutron.state().networks()).isEmpty();
    assertThat(neutron.state().subnets()).isEmpty();
    assertThat(neutron.state().subnetPools()).isEmpty();
    assertThat(neutron.state().userPorts()).isEmpty();
  }

  @Test
  void usersNetworkSharedByTwoHostsKeepsItsSubnetTaggedAndThePoolUntilTheLastHostLeaves() {
    Network users = neutron.networks().create(NetworkRequest.builder().name("shared").build());
    Subnet subnet =
        neutron
            .subnets()
            .create(
                SubnetRequest.builder()
                    .networkId(users.id())
                    .ipVersion(4)
                    .cidr(CIDR)
                    .name("users-subnet")
                    .build());
    DockerNetwork first = one.createNetwork(CIDR, joining(users));
    DockerNetwork second = two.createNetwork(CIDR, joining(users));
    SubnetPool pool = neutron.state().subnetPools().getFirst();
    Container b = two.run(second);

    one.removeNetwork(first);

    assertThat(neutron.subnets().get(subnet.id()).tags()).contains(pool.id());
    assertThat(neutron.state().subnetPools()).containsExactly(pool);
    // A restarted daemon finds the subnet of its pool again by that tag.
    var restarted = new SimulatedHost(neutron, "host-two");
    String address = restarted.requestAddress(second.poolId(), AddressRole.ENDPOINT);
    assertThat(address).startsWith("10.20.30.");

    restarted.services.ipam().releaseAddress(second.poolId(), address.split("/")[0]);
    two.remove(b);
    two.removeNetwork(second);

    assertThat(neutron.state().networks()).containsExactly(neutron.networks().get(users.id()));
    assertThat(neutron.networks().get(users.id()).tags()).isEmpty();
    assertThat(neutron.subnets().get(subnet.id()).tags()).isEmpty();
    assertThat(neutron.state().subnetPools()).isEmpty();
  }

  @Test
  void repeatedAddressReleaseLeavesAPortBoundToAnotherHostAlone() {
    DockerNetwork first = one.createNetwork(CIDR, Map.of());
    DockerNetwork second = two.createNetwork(CIDR, joining(onlyNetwork()));
    Container b = two.run(second);
    two.remove(b);
    // The address goes to a container on the first host...
    Container a = one.attach(first, b.address());
    Port taken = portOf(a);

    // ...when the second host's Docker releases it once more.
    two.services.ipam().releaseAddress(second.poolId(), b.ip());

    assertThat(neutron.ports().find(taken.id())).contains(taken);
  }

  @Test
  void endpointCannotTakeOverTheAddressOfAContainerOnAnotherHost() {
    DockerNetwork first = one.createNetwork(CIDR, Map.of());
    DockerNetwork second = two.createNetwork(CIDR, joining(onlyNetwork()));
    Container a = one.run(first);
    Port before = portOf(a);

    assertThatThrownBy(() -> two.attach(second, a.address()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(a.ip())
        .hasMessageContaining("host-one");
    assertThat(portOf(a)).isEqualTo(before);
    assertThat(two.plugged).isEmpty();
  }

  @Test
  void endpointCannotTakeOverThePortOfAnotherEndpointOnTheSameHost() {
    DockerNetwork network = one.createNetwork(CIDR, Map.of());
    Container a = one.run(network);

    assertThatThrownBy(() -> one.attach(network, a.address()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(a.endpointId().substring(0, 12));
    // Still a's: a port bound ahead of time names its endpoint in its tags, not as its device.
    assertThat(KuryrTags.idOf(portOf(a).tags())).contains(a.endpointId());
  }

  @Test
  void usersPortGivenAsAddressIsRefusedWhileAContainerOnAnotherHostUsesIt() {
    DockerNetwork first = one.createNetwork(CIDR, Map.of());
    DockerNetwork second = two.createNetwork(CIDR, joining(onlyNetwork()));
    Subnet subnet = neutron.state().subnets().getFirst();
    neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(subnet.networkId())
                .fixedIps(List.of(FixedIp.of(subnet.id(), "10.20.30.77")))
                .build());
    var asked =
        new AddressRequest(
            first.poolId(),
            Optional.of("10.20.30.77"),
            AddressRole.ENDPOINT,
            Optional.empty(),
            Optional.empty());
    one.attach(first, one.services.ipam().requestAddress(asked).cidr());

    var againOnTwo =
        new AddressRequest(
            second.poolId(),
            Optional.of("10.20.30.77"),
            AddressRole.ENDPOINT,
            Optional.empty(),
            Optional.empty());
    assertThatThrownBy(() -> two.services.ipam().requestAddress(againOnTwo))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("host-one");
    assertThat(
            neutron
                .ports()
                .list(Query.where("fixed_ips", "ip_address=10.20.30.77"))
                .getFirst()
                .bindingHostId())
        .isEqualTo("host-one");
  }
}
