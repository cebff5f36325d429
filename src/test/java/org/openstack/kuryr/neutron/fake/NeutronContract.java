package org.openstack.kuryr.neutron.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.TrunkRequest;

/**
 * What the mapping layer's tests rely on Neutron to do, checked against the fake ({@link
 * FakeNeutronContractTest}) and against the real Neutron of the test bed (an integration test), so
 * that the fake cannot drift from the real thing unnoticed. Everything a test creates carries a
 * unique name and is deleted afterwards.
 */
public abstract class NeutronContract {
  private final String prefix = "kuryr-contract-" + UUID.randomUUID().toString().substring(0, 8);
  private final Deque<Runnable> cleanup = new ArrayDeque<>();

  /** The Neutron under test. */
  protected abstract NeutronClient neutron();

  /** A host name the Neutron under test binds ports to with {@code binding:vif_type} ovs. */
  protected abstract String boundHost();

  @AfterEach
  void deleteWhatTheTestCreated() {
    AssertionError failures = null;
    while (!cleanup.isEmpty()) {
      try {
        cleanup.pop().run();
      } catch (RuntimeException e) {
        failures = failures == null ? new AssertionError("cleanup failed") : failures;
        failures.addSuppressed(e);
      }
    }
    if (failures != null) {
      throw failures;
    }
  }

  private Network network() {
    Network network =
        neutron().networks().create(NetworkRequest.builder().name(prefix + "-net").build());
    cleanup.push(() -> neutron().networks().delete(network.id()));
    return network;
  }

  private Subnet subnet(SubnetRequest.Builder request) {
    Subnet subnet = neutron().subnets().create(request.name(prefix + "-subnet").build());
    cleanup.push(() -> neutron().subnets().delete(subnet.id()));
    return subnet;
  }

  private Subnet subnet(Network network, String cidr) {
    return subnet(
        SubnetRequest.builder()
            .networkId(network.id())
            .ipVersion(cidr.contains(":") ? 6 : 4)
            .cidr(cidr));
  }

  private SubnetPool pool(String... prefixes) {
    SubnetPool pool =
        neutron()
            .subnetPools()
            .create(
                SubnetPoolRequest.builder()
                    .name(prefix + "-pool")
                    .prefixes(List.of(prefixes))
                    .defaultPrefixlen(prefixes[0].contains(":") ? 64 : 24)
                    .build());
    cleanup.push(() -> neutron().subnetPools().delete(pool.id()));
    return pool;
  }

  private Subnet carve(SubnetPool pool) {
    return subnet(
        SubnetRequest.builder()
            .networkId(network().id())
            .ipVersion(pool.ipVersion())
            .subnetpoolId(pool.id()));
  }

  private Port port(PortRequest.Builder request) {
    Port port = neutron().ports().create(request.name(prefix + "-port").build());
    cleanup.push(() -> neutron().ports().delete(port.id()));
    return port;
  }

  private Port port(Network network, FixedIp... fixedIps) {
    return port(PortRequest.builder().networkId(network.id()).fixedIps(List.of(fixedIps)));
  }

  private static void assertRefused(
      ThrowingCallable call, Class<? extends NeutronException> refusal, String neutronType) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(refusal, e -> assertThat(e.neutronType()).isEqualTo(neutronType));
  }

  @Test
  void carvedSubnetsTakeTheLowestFreeRangeUntilThePoolIsFull() {
    SubnetPool pool = pool("10.250.0.0/23");

    assertThat(carve(pool).cidr()).isEqualTo("10.250.0.0/24");
    assertThat(carve(pool).cidr()).isEqualTo("10.250.1.0/24");
    assertThatThrownBy(() -> carve(pool))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class,
            e -> assertThat(e.neutronType()).isEqualTo("SubnetAllocationError"))
        .hasMessageContaining("Insufficient prefix space");
  }

  @Test
  void carvingSkipsARangeTakenWithinThePoolAndTakesAFreedOneAgain() {
    SubnetPool pool = pool("10.250.0.0/22");
    Subnet first = carve(pool);
    subnet(
        SubnetRequest.builder()
            .networkId(network().id())
            .ipVersion(4)
            .subnetpoolId(pool.id())
            .cidr("10.250.1.0/24"));

    assertThat(carve(pool).cidr()).isEqualTo("10.250.2.0/24");
    neutron().subnets().delete(first.id());
    assertThat(carve(pool).cidr()).isEqualTo("10.250.0.0/24");
  }

  @Test
  void aRangeOverlappingAnotherOfThePoolIsRefusedWithAServerError() {
    SubnetPool pool = pool("10.250.0.0/16");
    carve(pool);

    assertThatThrownBy(
            () ->
                subnet(
                    SubnetRequest.builder()
                        .networkId(network().id())
                        .ipVersion(4)
                        .subnetpoolId(pool.id())
                        .cidr("10.250.0.128/25")))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class,
            e -> assertThat(e.neutronType()).isEqualTo("SubnetAllocationError"));
  }

  @Test
  void ipv6PrefixesAndSubnetsAreWrittenInCanonicalForm() {
    SubnetPool pool = pool("fd00:250:0::/48");

    assertThat(pool.prefixes()).containsExactly("fd00:250::/48");
    assertThat(carve(pool).cidr()).isEqualTo("fd00:250::/64");
    assertThat(carve(pool).cidr()).isEqualTo("fd00:250:0:1::/64");
  }

  @Test
  void gatewayIsTheFirstHostUnlessGivenOrNull() {
    Network network = network();
    Subnet defaulted = subnet(network, "10.250.0.0/24");
    Subnet without =
        subnet(
            SubnetRequest.builder()
                .networkId(network.id())
                .ipVersion(4)
                .cidr("10.250.1.0/24")
                .noGateway());

    assertThat(defaulted.gatewayIp()).isEqualTo("10.250.0.1");
    assertThat(defaulted.allocationPools())
        .containsExactly(new Subnet.AllocationPool("10.250.0.2", "10.250.0.254"));
    assertThat(without.gatewayIp()).isNull();
    assertThat(without.allocationPools())
        .containsExactly(new Subnet.AllocationPool("10.250.1.1", "10.250.1.254"));
  }

  @Test
  void gatewayInsideTheAllocationPoolsConflicts() {
    Network network = network();

    assertThatThrownBy(
            () ->
                subnet(
                    SubnetRequest.builder()
                        .networkId(network.id())
                        .ipVersion(4)
                        .cidr("10.250.0.0/24")
                        .allocationPools(
                            List.of(new Subnet.AllocationPool("10.250.0.1", "10.250.0.20")))))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class,
            e -> assertThat(e.neutronType()).isEqualTo("GatewayConflictWithAllocationPools"));
  }

  @Test
  void overlappingSubnetsOnOneNetworkAreRefusedAndHostBitsCleared() {
    Network network = network();
    subnet(network, "10.250.0.0/24");

    assertThatThrownBy(() -> subnet(network, "10.250.0.0/25"))
        .isInstanceOf(NeutronException.BadRequest.class)
        .hasMessageContaining("overlaps");
    assertThat(subnet(network(), "10.250.0.5/24").cidr()).isEqualTo("10.250.0.0/24");
  }

  @Test
  void subnetsOfOneFamilyOnANetworkComeFromOnePoolOrNone() {
    Network network = network();
    subnet(network, "10.250.1.0/24");
    SubnetPool pool = pool("10.251.0.0/16");

    assertThatThrownBy(
            () ->
                subnet(
                    SubnetRequest.builder()
                        .networkId(network.id())
                        .ipVersion(4)
                        .subnetpoolId(pool.id())))
        .isInstanceOfSatisfying(
            NeutronException.BadRequest.class,
            e -> assertThat(e.neutronType()).isEqualTo("NetworkSubnetPoolAffinityError"));
    assertThat(subnet(network, "fd00:250::/64").ipVersion()).isEqualTo(6);
  }

  @Test
  void networkHasAnOvnMetadataPortWithAnAddressOnEachSubnetWithDhcp() {
    Network network = network();
    Subnet subnet = subnet(network, "10.250.0.0/24");

    List<Port> ports = neutron().ports().list(Query.where("network_id", network.id()));
    assertThat(ports)
        .singleElement()
        .satisfies(p -> assertThat(p.deviceOwner()).isEqualTo("network:distributed"))
        .satisfies(
            p ->
                assertThat(p.fixedIps())
                    .extracting(FixedIp::subnetId)
                    .containsExactly(subnet.id()));
  }

  @Test
  void portsGetDistinctAddressesFromThePoolsAndAnAskedAddressHeldElsewhereConflicts() {
    Network network = network();
    Subnet subnet = subnet(network, "10.250.0.0/24");

    Port first = port(network, FixedIp.onSubnet(subnet.id()));
    Port second = port(network, FixedIp.onSubnet(subnet.id()));

    String address = first.fixedIps().getFirst().ipAddress();
    assertThat(address)
        .startsWith("10.250.0.")
        .isNotEqualTo(second.fixedIps().getFirst().ipAddress());
    assertThat(first.macAddress()).startsWith("fa:16:3e:").isNotEqualTo(second.macAddress());
    assertThat(first.status()).isEqualTo("DOWN");
    assertThat(first.bindingVifType()).isEqualTo("unbound");
    assertRefused(
        () -> port(network, new FixedIp(null, address)),
        NeutronException.Conflict.class,
        "IpAddressAlreadyAllocated");
  }

  @Test
  void networkAndBroadcastAddressesAreNoPortsButTheGatewayCanBe() {
    Network network = network();
    Subnet subnet = subnet(network, "10.250.0.0/24");

    assertRefused(
        () -> port(network, new FixedIp(null, "10.250.0.0")),
        NeutronException.BadRequest.class,
        "InvalidIpForNetwork");
    assertRefused(
        () -> port(network, FixedIp.of(subnet.id(), "10.250.0.255")),
        NeutronException.BadRequest.class,
        "InvalidIpForSubnet");
    assertThat(port(network, FixedIp.of(subnet.id(), "10.250.0.1")).fixedIps()).hasSize(1);
  }

  @Test
  void boundPortIsOvsAndRefusesAMacChangeUntilUnbound() {
    Network network = network();
    subnet(network, "10.250.0.0/24");
    Port port = port(PortRequest.builder().networkId(network.id()));

    Port bound =
        neutron()
            .ports()
            .update(
                port.id(),
                PortRequest.builder()
                    .bindingHostId(boundHost())
                    .macAddress("fa:16:3e:25:00:01")
                    .build());

    assertThat(bound.bindingVifType()).isEqualTo("ovs");
    assertThat(bound.macAddress()).isEqualTo("fa:16:3e:25:00:01");
    var macChange = PortRequest.builder().macAddress("fa:16:3e:25:00:02").build();
    assertRefused(
        () -> neutron().ports().update(port.id(), macChange),
        NeutronException.Conflict.class,
        "PortBound");
    neutron().ports().update(port.id(), PortRequest.builder().bindingHostId("").build());
    assertThat(neutron().ports().update(port.id(), macChange).macAddress())
        .isEqualTo("fa:16:3e:25:00:02");
  }

  @Test
  void everyChangeIsANewRevisionAndAnUpdateExpectingAnOlderOneIsRefused() {
    Network network = network();
    Port port = port(PortRequest.builder().networkId(network.id()));

    Port renamed =
        neutron()
            .ports()
            .update(
                port.id(),
                PortRequest.builder().name(prefix + "-renamed").build(),
                port.revisionNumber());
    neutron().tags().add(ResourceKind.PORT, port.id(), prefix);
    Port tagged = neutron().ports().get(port.id());

    assertThat(renamed.revisionNumber()).isGreaterThan(port.revisionNumber());
    assertThat(tagged.revisionNumber()).isGreaterThan(renamed.revisionNumber());
    var stale = PortRequest.builder().name(prefix + "-stale").build();
    assertThatThrownBy(() -> neutron().ports().update(port.id(), stale, renamed.revisionNumber()))
        .isInstanceOfSatisfying(
            NeutronException.Conflict.class, e -> assertThat(e.isRevisionMismatch()).isTrue());
    assertThat(neutron().ports().get(port.id()).name()).isEqualTo(prefix + "-renamed");
  }

  @Test
  void addressPairWithoutAMacTakesThePortsOwn() {
    Port port = port(PortRequest.builder().networkId(network().id()));

    Port paired =
        neutron()
            .ports()
            .update(
                port.id(),
                PortRequest.builder()
                    .allowedAddressPairs(
                        List.of(
                            new AddressPair("10.250.9.9", null),
                            new AddressPair("10.250.9.10", "fa:16:3e:25:09:0a")))
                    .build());

    assertThat(paired.allowedAddressPairs())
        .containsExactlyInAnyOrder(
            new AddressPair("10.250.9.9", port.macAddress()),
            new AddressPair("10.250.9.10", "fa:16:3e:25:09:0a"));
  }

  private Trunk trunk(Port parent) {
    Trunk trunk =
        neutron()
            .trunks()
            .create(TrunkRequest.builder().name(prefix + "-trunk").portId(parent.id()).build());
    cleanup.push(() -> neutron().trunks().delete(trunk.id()));
    return trunk;
  }

  @Test
  void subportsTakeOneVlanEachOnOneTrunkAndOnlyWithoutADevice() {
    Network network = network();
    Port parent = port(PortRequest.builder().networkId(network.id()).bindingHostId(boundHost()));
    Port other = port(PortRequest.builder().networkId(network.id()).bindingHostId(boundHost()));
    Port first = port(PortRequest.builder().networkId(network.id()));
    Port second = port(PortRequest.builder().networkId(network.id()));
    Port withDevice = port(PortRequest.builder().networkId(network.id()).deviceId(prefix));
    Trunk trunk = trunk(parent);
    Trunk otherTrunk = trunk(other);

    neutron().trunks().addSubports(trunk.id(), List.of(SubPort.vlan(first.id(), 7)));

    Port subport = neutron().ports().get(first.id());
    assertThat(subport.deviceOwner()).isEqualTo("trunk:subport");
    assertThat(neutron().trunks().subports(trunk.id()))
        .extracting(SubPort::portId, SubPort::segmentationId)
        .containsExactly(tuple(first.id(), 7));
    assertThat(neutron().ports().get(parent.id()).trunkDetails().subPorts())
        .extracting(SubPort::portId, SubPort::macAddress)
        .containsExactly(tuple(first.id(), first.macAddress()));
    assertConflict(trunk.id(), SubPort.vlan(second.id(), 7), "DuplicateSubPort");
    assertConflict(trunk.id(), SubPort.vlan(withDevice.id(), 8), "PortInUse");
    assertConflict(otherTrunk.id(), SubPort.vlan(first.id(), 8), "TrunkPortInUse");
    assertThat(neutron().trunks().subports(otherTrunk.id())).isEmpty();
  }

  private void assertConflict(String trunkId, SubPort subPort, String neutronType) {
    assertRefused(
        () -> neutron().trunks().addSubports(trunkId, List.of(subPort)),
        NeutronException.Conflict.class,
        neutronType);
  }

  @Test
  void trunkPortsCannotBeDeletedAndARemovedSubportIsOwnedByNoOne() {
    Network network = network();
    Port parent = port(PortRequest.builder().networkId(network.id()).bindingHostId(boundHost()));
    Port subport = port(PortRequest.builder().networkId(network.id()));
    Trunk trunk = trunk(parent);
    neutron().trunks().addSubports(trunk.id(), List.of(SubPort.vlan(subport.id(), 9)));

    assertRefused(
        () -> neutron().ports().delete(subport.id()),
        NeutronException.Conflict.class,
        "PortInUseAsSubPort");
    assertRefused(
        () -> neutron().ports().delete(parent.id()),
        NeutronException.Conflict.class,
        "PortInUseAsTrunkParent");
    neutron().trunks().removeSubports(trunk.id(), List.of(subport.id()));
    assertThat(neutron().ports().get(subport.id()).deviceOwner()).isEmpty();
    assertRefused(
        () -> neutron().trunks().removeSubports(trunk.id(), List.of(subport.id())),
        NeutronException.NotFound.class,
        "SubPortNotFound");
    assertThat(neutron().ports().delete(subport.id())).isTrue();
  }

  @Test
  void deletesRefuseResourcesInUseButTakeNeutronsOwnPortsAlong() {
    Network network = network();
    Subnet subnet = subnet(network, "10.250.0.0/24");
    SubnetPool pool = pool("10.251.0.0/16");
    carve(pool);
    Port port = port(network, FixedIp.onSubnet(subnet.id()));

    assertRefused(
        () -> neutron().subnets().delete(subnet.id()),
        NeutronException.Conflict.class,
        "SubnetInUse");
    assertRefused(
        () -> neutron().networks().delete(network.id()),
        NeutronException.Conflict.class,
        "NetworkInUse");
    assertRefused(
        () -> neutron().subnetPools().delete(pool.id()),
        NeutronException.BadRequest.class,
        "SubnetPoolDeleteError");

    assertThat(neutron().ports().delete(port.id())).isTrue();
    assertThat(neutron().subnets().delete(subnet.id())).isTrue();
    assertThat(neutron().networks().delete(network.id())).isTrue();
    assertThat(neutron().networks().delete(network.id())).isFalse();
    assertThat(neutron().ports().list(Query.where("network_id", network.id()))).isEmpty();
  }

  @Test
  void tagFiltersNarrowListings() {
    Network a = network();
    Network b = network();
    String x = prefix + "-x";
    String y = prefix + "-y";
    neutron().tags().replace(ResourceKind.NETWORK, a.id(), List.of(x, y));
    neutron().tags().add(ResourceKind.NETWORK, b.id(), y);

    assertThat(neutron().networks().list(Query.tagged(x, y)))
        .extracting(Network::id)
        .containsExactly(a.id());
    assertThat(neutron().networks().list(Query.builder().tagsAny(x, y).build())).hasSize(2);
    var mine = Query.builder().where("name", prefix + "-net");
    assertThat(neutron().networks().list(mine.notTags(x, y).build()))
        .extracting(Network::id)
        .containsExactly(b.id());
    assertThat(
            neutron()
                .networks()
                .list(Query.builder().where("name", prefix + "-net").notTagsAny(x).build()))
        .extracting(Network::id)
        .containsExactly(b.id());
    assertThat(neutron().tags().remove(ResourceKind.NETWORK, b.id(), x)).isFalse();
  }

  @Test
  void fixedIpFiltersMatchAddressesAsWrittenAndEachSubKeyOnAnyFixedIp() {
    Network network = network();
    Subnet v4 = subnet(network, "10.250.0.0/24");
    Subnet v6 = subnet(network, "fd00:250::/64");
    Port port =
        port(network, FixedIp.of(v4.id(), "10.250.0.9"), FixedIp.of(v6.id(), "fd00:250::9"));

    var byAddress = onNetwork(network).where("fixed_ips", "ip_address=fd00:250::9").build();
    var notCanonical = onNetwork(network).where("fixed_ips", "ip_address=fd00:250:0::9").build();
    var mixed =
        onNetwork(network)
            .where("fixed_ips", "ip_address=10.250.0.9")
            .where("fixed_ips", "subnet_id=" + v6.id())
            .build();
    var elsewhere =
        onNetwork(network)
            .where("fixed_ips", "ip_address=10.250.0.10")
            .where("fixed_ips", "subnet_id=" + v4.id())
            .build();
    assertThat(neutron().ports().list(byAddress)).extracting(Port::id).containsExactly(port.id());
    assertThat(neutron().ports().list(notCanonical)).isEmpty();
    assertThat(neutron().ports().list(mixed)).extracting(Port::id).containsExactly(port.id());
    assertThat(neutron().ports().list(elsewhere)).isEmpty();
  }

  private static Query.Builder onNetwork(Network network) {
    return Query.builder().where("network_id", network.id());
  }

  @Test
  void unknownAttributesAndFiltersAreRefused() {
    var request = NetworkRequest.builder().name(prefix + "-net").attribute("colour", "red").build();

    assertThatThrownBy(() -> neutron().networks().create(request))
        .isInstanceOf(NeutronException.BadRequest.class)
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> neutron().ports().list(Query.where("colour", "red")))
        .isInstanceOf(NeutronException.BadRequest.class);
    assertThat(neutron().networks().list(Query.where("name", prefix + "-net"))).isEmpty();
  }
}
