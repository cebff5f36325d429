package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/** Requests that cannot be carried out fail with a message saying why, and change nothing. */
class InvalidRequestTest {
  private final MappingHarness host = new MappingHarness();

  private PoolAllocation requestPool(String cidr, String subPool, Map<String, String> options) {
    return host.services
        .ipam()
        .requestPool(new PoolRequest(cidr, subPool, options, cidr.contains(":")));
  }

  private void refused(Runnable call, String why) {
    FakeNeutronState before = host.neutron.state();

    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(why);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  private Network userNetwork(String name, String cidr) {
    Network network = host.neutron.networks().create(NetworkRequest.builder().name(name).build());
    host.neutron
        .subnets()
        .create(
            SubnetRequest.builder()
                .networkId(network.id())
                .name(name + "-subnet")
                .ipVersion(4)
                .cidr(cidr)
                .build());
    return network;
  }

  @Test
  void poolOfTheOtherFamilyIsRefused() {
    refused(
        () -> host.services.ipam().requestPool(new PoolRequest("fd00::/64", "", Map.of(), false)),
        "not an IPv4 prefix");
  }

  @Test
  void addressRangeOutsideThePoolIsRefused() {
    refused(() -> requestPool("10.130.0.0/24", "10.131.0.0/25", Map.of()), "10.131.0.0/25");
  }

  @Test
  void usersSubnetOfAnotherCidrIsRefused() {
    userNetwork("users", "10.132.0.0/24");

    refused(
        () -> requestPool("10.133.0.0/24", "", Map.of("neutron.subnet.name", "users-subnet")),
        "not the requested 10.133.0.0/24");
  }

  @Test
  void cidrOutsideTheUsersPoolIsRefused() {
    host.neutron
        .subnetPools()
        .create(SubnetPoolRequest.builder().name("up").prefixes(List.of("10.134.0.0/16")).build());

    refused(
        () -> requestPool("10.135.0.0/24", "", Map.of("neutron.pool.name", "up")),
        "not within subnet pool up");
  }

  @Test
  void usersPoolOfTheOtherFamilyIsRefused() {
    host.neutron
        .subnetPools()
        .create(SubnetPoolRequest.builder().name("v6").prefixes(List.of("fd00:136::/48")).build());

    refused(() -> requestPool("", "", Map.of("neutron.pool.name", "v6")), "is IPv6, not IPv4");
  }

  @Test
  void bothUuidAndNameOfOneResourceAreRefused() {
    refused(
        () ->
            requestPool(
                "10.137.0.0/24", "", Map.of("neutron.pool.uuid", "x", "neutron.pool.name", "y")),
        "neutron.pool.uuid or neutron.pool.name, not both");
  }

  @Test
  void resourceNamedButMissingIsRefusedNamingTheOption() {
    refused(
        () ->
            host.docker
                .network(dockerId("n"))
                .subnet("10.137.0.0/24")
                .option("neutron.net.name", "nowhere")
                .create(),
        "no Neutron network named 'nowhere' (option neutron.net.name)");
    refused(
        () -> requestPool("", "", Map.of("neutron.subnet.uuid", "00000000-dead")),
        "no Neutron subnet with ID '00000000-dead'");
  }

  @Test
  void ambiguousNameIsRefusedPointingToTheUuidOption() {
    userNetwork("twin", "10.138.0.0/24");
    userNetwork("twin", "10.139.0.0/24");

    refused(
        () ->
            host.docker
                .network(dockerId("n"))
                .subnet("10.138.0.0/24")
                .option("neutron.net.name", "twin")
                .create(),
        "2 Neutron networks are named 'twin': name the one to use with neutron.net.uuid");
  }

  @Test
  void sharedOptionContradictingTheUsersNetworkConflicts() {
    userNetwork("private", "10.140.0.0/24");
    FakeNeutronState before = host.neutron.state();

    assertThatThrownBy(
            () ->
                host.docker
                    .network(dockerId("n"))
                    .subnet("10.140.0.0/24")
                    .option("neutron.net.name", "private")
                    .option("neutron.net.shared", "yes")
                    .create())
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("shared=false");
    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void usersSubnetOnAnotherNetworkThanTheOneNamedIsRefused() {
    userNetwork("holder", "10.141.0.0/24");
    Network other = host.neutron.networks().create(NetworkRequest.builder().name("other").build());

    refused(
        () ->
            host.docker
                .network(dockerId("n"))
                .ipamOption("neutron.subnet.name", "holder-subnet")
                .option("neutron.net.uuid", other.id())
                .create(),
        "name that network with neutron.net.uuid");
  }

  @Test
  void malformedPoolIdIsRefused() {
    refused(() -> host.services.ipam().releasePool("10.0.0.0/24"), "invalid pool ID");
  }

  @Test
  void auxiliaryAddressIsGivenWithinThePoolAndRefusedOutside() {
    DockerNetwork network = host.docker.network(dockerId("aux")).subnet("10.142.0.0/24").create();
    String poolId = network.pool(false).poolId();

    assertThat(auxiliary(poolId, Optional.of("10.142.0.200")).cidr()).isEqualTo("10.142.0.200/24");
    refused(() -> auxiliary(poolId, Optional.of("10.143.0.1")), "not within 10.142.0.0/24");
    refused(() -> auxiliary(poolId, Optional.empty()), "must name its address");
  }

  @Test
  void auxiliaryAddressBeforeTheNetworkExistsIsWithinThePool() {
    PoolAllocation pool = requestPool("10.144.0.0/24", "", Map.of());

    assertThat(auxiliary(pool.poolId(), Optional.of("10.144.0.9")).cidr())
        .isEqualTo("10.144.0.9/24");
  }

  @Test
  void endpointAddressBeforeTheNetworkExistsIsRefused() {
    PoolAllocation pool = requestPool("10.145.0.0/24", "", Map.of());

    refused(
        () ->
            host.services
                .ipam()
                .requestAddress(
                    new AddressRequest(
                        pool.poolId(),
                        Optional.empty(),
                        AddressRole.ENDPOINT,
                        Optional.empty(),
                        Optional.empty())),
        "create the Docker network first");
  }

  @Test
  void networkFoundTwiceByItsTagsConflicts() {
    DockerNetwork network = host.docker.network(dockerId("twice")).subnet("10.146.0.0/24").create();
    Network copy = host.neutron.networks().create(NetworkRequest.builder().name("copy").build());
    host.neutron.tags().replace(ResourceKind.NETWORK, copy.id(), KuryrTags.idTags(network.id()));
    host.restartDaemon();

    assertThatThrownBy(() -> host.services.networks().deleteNetwork(network.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("2 Neutron networks carry its tags");
  }

  @Test
  void releasingAnAddressHeldBySomeoneElsesPortLeavesThatPortAlone() {
    DockerNetwork network = host.docker.network(dockerId("vm")).subnet("10.147.0.0/24").create();
    Network neutronNetwork = host.neutron.state().networks().getFirst();
    Port vm =
        host.neutron
            .ports()
            .create(
                PortRequest.builder()
                    .networkId(neutronNetwork.id())
                    .deviceOwner("compute:nova")
                    .fixedIps(List.of(new FixedIp(null, "10.147.0.40")))
                    .build());

    host.services.ipam().releaseAddress(network.pool(false).poolId(), "10.147.0.40");

    assertThat(host.neutron.state().port(vm.id())).contains(vm);
  }

  @Test
  void deletingANetworkThatAVmStillUsesConflictsNamingItsPort() {
    DockerNetwork network = host.docker.network(dockerId("vm")).subnet("10.148.0.0/24").create();
    Network neutronNetwork = host.neutron.state().networks().getFirst();
    Port vm =
        host.neutron
            .ports()
            .create(
                PortRequest.builder()
                    .networkId(neutronNetwork.id())
                    .deviceOwner("compute:nova")
                    .fixedIps(List.of(new FixedIp(null, "10.148.0.40")))
                    .build());

    assertThatThrownBy(() -> host.services.networks().deleteNetwork(network.id()))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("ports still use it")
        .hasMessageContaining(vm.id() + " (compute:nova)");
    assertThat(host.neutron.state().subnets()).hasSize(1);
  }

  private AddressAllocation auxiliary(String poolId, Optional<String> address) {
    return host.services
        .ipam()
        .requestAddress(
            new AddressRequest(
                poolId, address, AddressRole.AUXILIARY, Optional.empty(), Optional.empty()));
  }
}
