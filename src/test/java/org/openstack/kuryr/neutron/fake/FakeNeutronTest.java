package org.openstack.kuryr.neutron.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;

/** The fake behaves like Neutron where the mapping layer's tests rely on it. */
class FakeNeutronTest {
  private final FakeNeutron neutron = new FakeNeutron();

  private Network network() {
    return neutron.networks().create(NetworkRequest.builder().name("n").build());
  }

  private Subnet subnet(Network network, String cidr) {
    return neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(cidr.contains(":") ? 6 : 4)
                .cidr(cidr)
                .build());
  }

  private SubnetPool pool(String... prefixes) {
    return neutron
        .subnetPools()
        .create(
            SubnetPoolRequest.builder()
                .name("p")
                .prefixes(List.of(prefixes))
                .defaultPrefixlen(24)
                .build());
  }

  private Subnet carve(SubnetPool pool) {
    return neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network().id())
                .ipVersion(pool.ipVersion())
                .subnetpoolId(pool.id())
                .build());
  }

  private Port port(Network network, FixedIp... fixedIps) {
    return neutron
        .ports()
        .create(PortRequest.builder().networkId(network.id()).fixedIps(List.of(fixedIps)).build());
  }

  @Test
  void subnetsCarvedFromAPoolGetDistinctCidrsUntilThePoolIsFull() {
    SubnetPool pool = pool("10.0.0.0/23");

    assertThat(carve(pool).cidr()).isEqualTo("10.0.0.0/24");
    assertThat(carve(pool).cidr()).isEqualTo("10.0.1.0/24");
    assertThatThrownBy(() -> carve(pool))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class,
            e -> assertThat(e.neutronType()).isEqualTo("SubnetAllocationError"))
        .hasMessageContaining("Insufficient prefix space");
  }

  @Test
  void carvingSkipsARangeTakenWithinThePoolAndTakesTheOneFreedAgain() {
    SubnetPool pool = pool("10.0.0.0/22");
    Subnet first = carve(pool);
    neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network().id())
                .ipVersion(4)
                .subnetpoolId(pool.id())
                .cidr("10.0.1.0/24")
                .build());

    assertThat(carve(pool).cidr()).isEqualTo("10.0.2.0/24");
    neutron.subnets().delete(first.id());
    assertThat(carve(pool).cidr()).isEqualTo("10.0.0.0/24");
  }

  @Test
  void aCidrOverlappingAnotherOfThePoolIsRefusedWithAServerError() {
    SubnetPool pool = pool("10.0.0.0/16");
    carve(pool);

    assertThatThrownBy(
            () ->
                neutron
                    .subnets()
                    .create(
                        SubnetRequest.builder()
                            .networkId(network().id())
                            .ipVersion(4)
                            .subnetpoolId(pool.id())
                            .cidr("10.0.0.128/25")
                            .build()))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
  }

  @Test
  void ipv6SubnetsAreCarvedAndWrittenInCanonicalForm() {
    SubnetPool pool =
        neutron
            .subnetPools()
            .create(
                SubnetPoolRequest.builder()
                    .prefixes(List.of("fd00:0:0::/48"))
                    .defaultPrefixlen(64)
                    .build());

    assertThat(pool.prefixes()).containsExactly("fd00::/48");
    assertThat(carve(pool).cidr()).isEqualTo("fd00::/64");
    assertThat(carve(pool).cidr()).isEqualTo("fd00:0:0:1::/64");
  }

  @Test
  void gatewayIsTheFirstHostUnlessGivenOrNull() {
    Network network = network();
    Subnet defaulted = subnet(network, "10.0.0.0/24");
    Subnet without =
        neutron
            .subnets()
            .create(
                SubnetRequest.builder()
                    .networkId(network.id())
                    .ipVersion(4)
                    .cidr("10.0.1.0/24")
                    .noGateway()
                    .build());

    assertThat(defaulted.gatewayIp()).isEqualTo("10.0.0.1");
    assertThat(defaulted.allocationPools())
        .containsExactly(new Subnet.AllocationPool("10.0.0.2", "10.0.0.254"));
    assertThat(without.gatewayIp()).isNull();
    assertThat(without.allocationPools())
        .containsExactly(new Subnet.AllocationPool("10.0.1.1", "10.0.1.254"));
  }

  @Test
  void overlappingSubnetsOnOneNetworkAreRefusedAndHostBitsCleared() {
    Network network = network();
    subnet(network, "10.0.0.0/24");

    assertThatThrownBy(() -> subnet(network, "10.0.0.0/25"))
        .isInstanceOf(NeutronException.BadRequest.class)
        .hasMessageContaining("overlaps");
    assertThat(subnet(network(), "10.0.0.5/24").cidr()).isEqualTo("10.0.0.0/24");
  }

  @Test
  void subnetsOfOneFamilyOnANetworkComeFromOnePoolOrNone() {
    Network network = network();
    subnet(network, "10.1.0.0/24");
    SubnetPool pool = pool("10.2.0.0/16");

    assertThatThrownBy(
            () ->
                neutron
                    .subnets()
                    .create(
                        SubnetRequest.builder()
                            .networkId(network.id())
                            .ipVersion(4)
                            .subnetpoolId(pool.id())
                            .build()))
        .isInstanceOfSatisfying(
            NeutronException.BadRequest.class,
            e -> assertThat(e.neutronType()).isEqualTo("NetworkSubnetPoolAffinityError"));
    assertThat(subnet(network, "fd00::/64").ipVersion()).isEqualTo(6);
  }

  @Test
  void portsGetFreeAddressesAndAnAskedAddressHeldElsewhereConflicts() {
    Network network = network();
    Subnet subnet = subnet(network, "10.0.0.0/24");

    Port first = port(network, FixedIp.onSubnet(subnet.id()));
    Port second = port(network, FixedIp.onSubnet(subnet.id()));

    // .2 is the OVN metadata port's.
    assertThat(first.fixedIps()).containsExactly(FixedIp.of(subnet.id(), "10.0.0.3"));
    assertThat(second.fixedIps()).containsExactly(FixedIp.of(subnet.id(), "10.0.0.4"));
    assertThat(first.macAddress())
        .matches("fa:16:3e(:[0-9a-f]{2}){3}")
        .isNotEqualTo(second.macAddress());
    assertThatThrownBy(() -> port(network, new FixedIp(null, "10.0.0.3")))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.neutronType()).isEqualTo("IpAddressAlreadyAllocated"));
  }

  @Test
  void boundPortIsOvsAndRefusesAMacChange() {
    Network network = network();
    subnet(network, "10.0.0.0/24");
    Port port = neutron.ports().create(PortRequest.builder().networkId(network.id()).build());

    Port bound =
        neutron
            .ports()
            .update(
                port.id(),
                PortRequest.builder().bindingHostId("h1").macAddress("fa:16:3e:aa:bb:cc").build());

    assertThat(bound.bindingVifType()).isEqualTo("ovs");
    assertThat(bound.macAddress()).isEqualTo("fa:16:3e:aa:bb:cc");
    assertThatThrownBy(
            () ->
                neutron
                    .ports()
                    .update(
                        port.id(), PortRequest.builder().macAddress("fa:16:3e:aa:bb:cd").build()))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.neutronType()).isEqualTo("PortBound"));
  }

  @Test
  void deletesRefuseResourcesInUseButTakeNeutronsOwnPortsAlong() {
    Network network = network();
    Subnet subnet = subnet(network, "10.0.0.0/24");
    SubnetPool pool = pool("10.9.0.0/16");
    carve(pool);
    Port port = port(network, FixedIp.onSubnet(subnet.id()));

    assertThatThrownBy(() -> neutron.subnets().delete(subnet.id()))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.neutronType()).isEqualTo("SubnetInUse"));
    assertThatThrownBy(() -> neutron.networks().delete(network.id()))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.neutronType()).isEqualTo("NetworkInUse"));
    assertThatThrownBy(() -> neutron.subnetPools().delete(pool.id()))
        .isInstanceOfSatisfying(
            NeutronException.BadRequest.class,
            e -> assertThat(e.neutronType()).isEqualTo("SubnetPoolDeleteError"));

    neutron.ports().delete(port.id());
    assertThat(neutron.subnets().delete(subnet.id())).isTrue();
    assertThat(neutron.networks().delete(network.id())).isTrue();
    assertThat(neutron.networks().delete(network.id())).isFalse();
    assertThat(neutron.state().ports()).noneMatch(p -> p.networkId().equals(network.id()));
  }

  @Test
  void tagFiltersAndAttributeFiltersNarrowListings() {
    Network a = network();
    Network b = network();
    neutron.tags().replace(ResourceKind.NETWORK, a.id(), List.of("x", "y"));
    neutron.tags().add(ResourceKind.NETWORK, b.id(), "y");

    assertThat(neutron.networks().list(Query.tagged("x", "y")))
        .extracting(Network::id)
        .containsExactly(a.id());
    assertThat(neutron.networks().list(Query.builder().tagsAny("x", "y").build())).hasSize(2);
    assertThat(neutron.networks().list(Query.builder().notTags("x", "y").build()))
        .extracting(Network::id)
        .containsExactly(b.id());
    assertThat(neutron.networks().list(Query.builder().notTagsAny("x").build()))
        .extracting(Network::id)
        .containsExactly(b.id());
    assertThat(neutron.tags().remove(ResourceKind.NETWORK, b.id(), "x")).isFalse();
    assertThatThrownBy(() -> neutron.networks().list(Query.where("colour", "red")))
        .isInstanceOf(NeutronException.BadRequest.class);
  }

  @Test
  void fixedIpFiltersMatchAddressesAsWrittenAndEachSubKeyOnAnyFixedIp() {
    Network network = network();
    Subnet v4 = subnet(network, "10.0.0.0/24");
    Subnet v6 = subnet(network, "fd00::/64");
    Port port = port(network, FixedIp.of(v4.id(), "10.0.0.9"), FixedIp.of(v6.id(), "fd00::9"));

    var byAddress = Query.builder().where("fixed_ips", "ip_address=fd00::9").build();
    var notCanonical = Query.builder().where("fixed_ips", "ip_address=fd00:0::9").build();
    var mixed =
        Query.builder()
            .where("fixed_ips", "ip_address=10.0.0.9")
            .where("fixed_ips", "subnet_id=" + v6.id())
            .build();
    var elsewhere =
        Query.builder()
            .where("fixed_ips", "ip_address=10.0.0.10")
            .where("fixed_ips", "subnet_id=" + v4.id())
            .build();
    assertThat(neutron.ports().list(byAddress)).extracting(Port::id).containsExactly(port.id());
    assertThat(neutron.ports().list(notCanonical)).isEmpty();
    assertThat(neutron.ports().list(mixed)).extracting(Port::id).containsExactly(port.id());
    assertThat(neutron.ports().list(elsewhere)).isEmpty();
  }

  @Test
  void createWithTagsCostsTwoRequestsAndIsUndoneWhenTaggingFails() {
    neutron.failOn("PUT", "networks/tags", 1, 500, null);

    assertThatThrownBy(
            () ->
                neutron
                    .networks()
                    .create(NetworkRequest.builder().name("n").tags(List.of("t")).build()))
        .isInstanceOf(NeutronException.Unavailable.class)
        .hasMessageContaining("set tags of network");
    assertThat(neutron.requests())
        .containsExactly("POST networks", "PUT networks/tags", "DELETE networks");
    assertThat(neutron.requestCounters().network()).isEqualTo(3);
    assertThat(neutron.state().networks()).isEmpty();
  }

  @Test
  void injectedFailureHitsTheNthMatchingRequestOnceAndChangesNothing() {
    neutron.failOn("POST", "networks", 2, 409, "Whatever");
    network();

    assertThatThrownBy(this::network)
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.getMessage()).startsWith("failed to create network: "));
    network();
    assertThat(neutron.state().networks()).hasSize(2);
  }

  @Test
  void unknownAttributesAreRefusedLikeNeutronDoes() {
    var request = NetworkRequest.builder().attribute("colour", "red").build();

    assertThatThrownBy(() -> neutron.networks().create(request))
        .isInstanceOf(NeutronException.BadRequest.class)
        .hasMessageContaining("colour");
    assertThat(neutron.state()).isEqualTo(new FakeNeutron().state());
  }
}
