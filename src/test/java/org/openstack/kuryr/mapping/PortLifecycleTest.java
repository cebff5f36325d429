package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/**
 * A container's way through the mapping services, counted in Neutron requests: what Docker waits
 * for, what happens in the background, and what is left in Neutron afterwards.
 */
class PortLifecycleTest {
  private static final String NETWORK = "a1b2c3d4".repeat(8);
  private static final String HOST = "compute-1";
  private static final MappingSettings.PortPool POOL = new MappingSettings.PortPool(true, 2, 4, 3);

  private final FakeNeutron neutron = new FakeNeutron();
  private final FakeBinder binder = new FakeBinder();
  private final Subnet subnet =
      neutron.createNetworkWithSubnet("10.9.0.0/24", KuryrTags.idTags(NETWORK));
  private MappingServices services;

  @AfterEach
  void stop() {
    if (services != null) {
      services.ports().close(Duration.ofSeconds(2));
    }
  }

  private void start(MappingSettings.PortPool pool) {
    stop();
    services =
        MappingServices.create(
            neutron,
            binder,
            new MappingSettings(
                HOST,
                "kuryrPool",
                true,
                new MappingSettings.DefaultPool("kuryr", false, List.of(), 24),
                new MappingSettings.DefaultPool("kuryr6", false, List.of(), 64),
                Duration.ofSeconds(5),
                true,
                pool));
  }

  /** RequestAddress, CreateEndpoint and Join, as for {@code docker run}; returns the address. */
  private String run(String endpointId) {
    String address = requestAddress(subnet);
    services
        .endpoints()
        .createEndpoint(
            new EndpointSpec(
                NETWORK,
                endpointId,
                Optional.of(address),
                Optional.empty(),
                Optional.empty(),
                Map.of()));
    services.endpoints().join(NETWORK, endpointId, "/var/run/docker/netns/x");
    return address;
  }

  /** DeleteEndpoint and ReleaseAddress, as when the container stops. */
  private void end(String endpointId, String address) {
    services.endpoints().deleteEndpoint(NETWORK, endpointId);
    services.ipam().releaseAddress(poolId(), address.split("/")[0]);
  }

  private String poolId() {
    return PoolId.ofSubnet(subnet.id()).toString();
  }

  private static String endpoint(int n) {
    return String.format("%064x", n);
  }

  private void awaitIdle() {
    assertThat(services.ports().awaitReleases(Duration.ofSeconds(5))).isTrue();
    assertThat(services.ports().figures())
        .containsEntry("port_deletions_pending", 0)
        .containsEntry("port_pool_returns_pending", 0);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** The user ports on the network, as Neutron holds them now. */
  private List<Port> ports() {
    return neutron.state().userPortsOn(subnet.networkId());
  }

  private Port port(String id) {
    return neutron.state().port(id).orElseThrow();
  }

  private List<Port> poolPorts() {
    return ports().stream().filter(p -> p.tags().contains(KuryrTags.POOL_PORT)).toList();
  }

  @Test
  void containerWithoutPoolCostsFourRequestsOfWhichDockerWaitsForThree() {
    start(MappingSettings.PortPool.DISABLED);
    end(endpoint(1), run(endpoint(1)));
    awaitIdle();
    neutron.clearRequests();

    end(endpoint(2), run(endpoint(2)));
    awaitIdle();

    assertThat(neutron.requestsBy(Thread.currentThread()))
        .containsExactly("POST ports", "PUT ports/tags", "PUT ports/tags");
    assertThat(neutron.requests()).hasSize(4).contains("DELETE ports");
    assertThat(ports()).isEmpty();
  }

  @Test
  void portIsCreatedBoundToTheHostAndTaggedWithItsEndpoint() {
    start(MappingSettings.PortPool.DISABLED);

    String address = run(endpoint(7));

    Port port = ports().getFirst();
    assertThat(port.bindingHostId()).isEqualTo(HOST);
    assertThat(port.deviceOwner()).isEqualTo(KuryrTags.DEVICE_OWNER);
    var tags = new ArrayList<>(KuryrTags.idTags(endpoint(7)));
    tags.add(KuryrTags.KURYR_PORT);
    assertThat(port.tags()).containsExactlyInAnyOrderElementsOf(tags);
    assertThat(port.fixedIps().getFirst().ipAddress()).isEqualTo(address.split("/")[0]);
    assertThat(binder.bound.getFirst().vifType()).isEqualTo("ovs");
  }

  @Test
  void containerFromThePoolCostsTwoTagRequestsAndGivesItsPortBack() {
    start(POOL);
    end(endpoint(0), run(endpoint(0)));
    await(() -> poolPorts().size() == 3);
    awaitIdle();
    neutron.clearRequests();

    String address = run(endpoint(2));
    Port used = portHolding(address);
    end(endpoint(2), address);
    awaitIdle();

    assertThat(neutron.requestsBy(Thread.currentThread()))
        .containsExactly("PUT ports/tags", "PUT ports/tags");
    await(() -> neutron.requests().contains("GET ports"));
    assertThat(neutron.requests()).hasSize(3);
    assertThat(port(used.id()).tags()).containsExactly(KuryrTags.POOL_PORT);
    assertThat(port(used.id()).bindingHostId()).isEqualTo(HOST);
  }

  private Port portHolding(String address) {
    return ports().stream()
        .filter(p -> p.fixedIps().getFirst().ipAddress().equals(address.split("/")[0]))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void poolIsRefilledInOneBulkRequestWhenItRunsLow() {
    start(POOL);
    end(endpoint(0), run(endpoint(0)));
    await(() -> poolPorts().size() == 3);
    neutron.clearRequests();

    run(endpoint(1));
    run(endpoint(2));
    await(() -> poolPorts().stream().filter(this::free).count() >= 2);

    assertThat(neutron.requests().stream().filter(r -> r.equals("POST ports"))).hasSize(1);
    assertThat(poolPorts()).hasSize(6);
  }

  private boolean free(Port port) {
    return port.tags().equals(List.of(KuryrTags.POOL_PORT));
  }

  @Test
  void macDockerChoseMakesANewPortWithItAndNeedsNoUpdate() {
    start(POOL);
    end(endpoint(0), run(endpoint(0)));
    await(() -> poolPorts().size() == 3);
    awaitIdle();
    neutron.clearRequests();
    String mac = "02:42:0a:09:00:63";

    String address =
        services
            .ipam()
            .requestAddress(
                new AddressRequest(
                    poolId(),
                    Optional.empty(),
                    AddressRole.ENDPOINT,
                    Optional.of(mac),
                    Optional.empty()))
            .cidr();
    services
        .endpoints()
        .createEndpoint(
            new EndpointSpec(
                NETWORK,
                endpoint(8),
                Optional.of(address),
                Optional.empty(),
                Optional.of(mac),
                Map.of()));

    assertThat(neutron.requests()).containsExactly("POST ports", "PUT ports/tags");
    assertThat(portHolding(address).macAddress()).isEqualTo(mac);
    assertThat(poolPorts().stream().filter(this::free)).hasSize(3);
  }

  @Test
  void releasedPoolPortNamedInDnsHasItsNameAndDeviceClearedBeforeItIsFree() {
    start(POOL);
    end(endpoint(0), run(endpoint(0)));
    await(() -> poolPorts().size() == 3);
    String address = run(endpoint(4));
    Port used = portHolding(address);
    neutron
        .ports()
        .update(used.id(), PortRequest.builder().dnsName("web").deviceId(endpoint(4)).build());

    end(endpoint(4), address);
    await(() -> port(used.id()).dnsName().isEmpty());

    assertThat(port(used.id()).deviceId()).isEmpty();
    assertThat(port(used.id()).tags()).containsExactly(KuryrTags.POOL_PORT);
  }

  @Test
  void releasedPoolPortBeyondTheMaximumIsDeleted() {
    start(new MappingSettings.PortPool(true, 1, 1, 1));
    end(endpoint(0), run(endpoint(0)));
    await(() -> poolPorts().size() == 1);
    String first = run(endpoint(1));
    await(() -> poolPorts().stream().anyMatch(this::free));
    String second = run(endpoint(2));
    await(() -> poolPorts().stream().anyMatch(this::free));

    end(endpoint(1), first);
    end(endpoint(2), second);
    awaitIdle();

    assertThat(poolPorts()).hasSize(1).allMatch(this::free);
  }

  @Test
  void dualStackEndpointGetsOnePortWhichGoesWithTheFirstRelease() {
    Subnet v6 = neutron.createSubnet(subnet.networkId(), "fd00:9::/64");
    start(MappingSettings.PortPool.DISABLED);
    String v4Address = requestAddress(subnet);
    String v6Address = requestAddress(v6);
    services
        .endpoints()
        .createEndpoint(
            new EndpointSpec(
                NETWORK,
                endpoint(3),
                Optional.of(v4Address),
                Optional.of(v6Address),
                Optional.empty(),
                Map.of()));
    assertThat(ports()).singleElement().satisfies(p -> assertThat(p.fixedIps()).hasSize(2));
    services.endpoints().deleteEndpoint(NETWORK, endpoint(3));
    neutron.clearRequests();

    services.ipam().releaseAddress(poolId(), v4Address.split("/")[0]);
    services.ipam().releaseAddress(PoolId.ofSubnet(v6.id()).toString(), v6Address.split("/")[0]);
    awaitIdle();

    assertThat(neutron.requests()).containsExactly("PUT ports/tags", "DELETE ports");
    assertThat(ports()).isEmpty();
  }

  private String requestAddress(Subnet on) {
    return services
        .ipam()
        .requestAddress(
            new AddressRequest(
                PoolId.ofSubnet(on.id()).toString(),
                Optional.empty(),
                AddressRole.ENDPOINT,
                Optional.empty(),
                Optional.empty()))
        .cidr();
  }

  @Test
  void releaseAfterRestartFindsThePortByItsAddressAndIgnoresOneAlreadyReleased() {
    start(MappingSettings.PortPool.DISABLED);
    String address = run(endpoint(4));
    services.endpoints().deleteEndpoint(NETWORK, endpoint(4));
    start(MappingSettings.PortPool.DISABLED);

    services.ipam().releaseAddress(poolId(), address.split("/")[0]);
    awaitIdle();
    neutron.clearRequests();
    services.ipam().releaseAddress(poolId(), address.split("/")[0]);

    assertThat(ports()).isEmpty();
    assertThat(neutron.requests()).doesNotContain("DELETE ports", "PUT ports/tags");
  }

  @Test
  void endpointIsFoundAgainByItsTagsAfterARestart() {
    start(MappingSettings.PortPool.DISABLED);
    String address = run(endpoint(5));
    String portId = portHolding(address).id();
    start(MappingSettings.PortPool.DISABLED);

    services.endpoints().deleteEndpoint(NETWORK, endpoint(5));
    services.ipam().releaseAddress(poolId(), address.split("/")[0]);
    awaitIdle();

    assertThat(binder.unplugged).containsExactly(portId);
    assertThat(neutron.state().port(portId)).isEmpty();
  }

  @Test
  void failedClaimLeavesNothingPluggedAndTheAddressCanBeReleased() {
    start(MappingSettings.PortPool.DISABLED);
    String address = requestAddress(subnet);
    neutron.failOn("PUT", "ports/tags", 1, 503, null);

    assertThatThrownBy(
            () ->
                services
                    .endpoints()
                    .createEndpoint(
                        new EndpointSpec(
                            NETWORK,
                            endpoint(6),
                            Optional.of(address),
                            Optional.empty(),
                            Optional.empty(),
                            Map.of())))
        .isInstanceOf(KuryrException.class);
    services.ipam().releaseAddress(poolId(), address.split("/")[0]);
    awaitIdle();

    assertThat(binder.unplugged).containsExactlyElementsOf(binder.plugged);
    assertThat(ports()).isEmpty();
  }
}
