package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/**
 * Docker calls the plugin concurrently (parallel {@code docker run}, swarm and retries). Every
 * Neutron request takes a few milliseconds here, so that unserialized read-then-write sequences
 * interleave and show.
 */
class ConcurrencyTest {
  private static final int CALLERS = 8;

  private final MappingHarness host = new MappingHarness();

  ConcurrencyTest() {
    host.neutron.slowDown(Duration.ofMillis(2));
  }

  /** Runs the calls at once and gives their outcomes: a result or the failure. */
  private static <T> List<Object> atOnce(IntFunction<Callable<T>> call) throws Exception {
    var start = new CountDownLatch(1);
    var futures = new ArrayList<Future<T>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < CALLERS; i++) {
        Callable<T> work = call.apply(i);
        futures.add(
            executor.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
    }
    var outcomes = new ArrayList<Object>();
    for (Future<T> future : futures) {
      try {
        outcomes.add(future.get());
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    return outcomes;
  }

  @Test
  void requestPoolForOneCidrAtOnceCreatesOnePool() throws Exception {
    List<Object> pools =
        atOnce(
            i ->
                () ->
                    host.services
                        .ipam()
                        .requestPool(new PoolRequest("10.100.0.0/24", "", Map.of(), false))
                        .poolId());

    assertThat(pools).doesNotHaveAnyElementsOfTypes(Throwable.class).containsOnly(pools.getFirst());
    assertThat(host.neutron.state().subnetPools()).hasSize(1);
  }

  @Test
  void addressRequestsAtOnceGetDistinctAddresses() throws Exception {
    DockerNetwork network = host.docker.network(dockerId("net")).subnet("10.101.0.0/24").create();
    String poolId = network.pool(false).poolId();

    List<Object> addresses = atOnce(i -> () -> endpointAddress(poolId, Optional.empty()));

    assertThat(addresses).doesNotHaveAnyElementsOfTypes(Throwable.class).doesNotHaveDuplicates();
    assertThat(host.neutron.state().userPorts()).hasSize(CALLERS);
  }

  @Test
  void oneAddressAskedAtOnceGoesToOneCaller() throws Exception {
    DockerNetwork network = host.docker.network(dockerId("net")).subnet("10.102.0.0/24").create();
    String poolId = network.pool(false).poolId();

    List<Object> outcomes = atOnce(i -> () -> endpointAddress(poolId, Optional.of("10.102.0.50")));

    assertThat(outcomes).filteredOn("10.102.0.50/24"::equals).hasSize(1);
    assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(CALLERS - 1);
    assertThat(host.neutron.state().userPorts()).hasSize(1);
  }

  @Test
  void createNetworkForOneDockerNetworkAtOnceCreatesOneNeutronNetwork() throws Exception {
    PoolAllocation pool =
        host.services.ipam().requestPool(new PoolRequest("10.103.0.0/24", "", Map.of(), false));
    var spec =
        new NetworkSpec(
            dockerId("net"),
            Map.of(),
            List.of(new NetworkSpec.PoolData(pool.cidr(), pool.gateway())),
            List.of());

    List<Object> outcomes =
        atOnce(
            i ->
                () -> {
                  host.services.networks().createNetwork(spec);
                  return "created";
                });

    assertThat(outcomes).containsOnly("created");
    FakeNeutronState state = host.neutron.state();
    assertThat(state.networks()).hasSize(1);
    assertThat(state.subnets()).hasSize(1);
  }

  @Test
  void networksFromTheDefaultPoolAtOnceGetDistinctSubnets() throws Exception {
    List<Object> cidrs =
        atOnce(i -> () -> host.docker.network(dockerId("net" + i)).create().pool(false).cidr());

    assertThat(cidrs).doesNotHaveAnyElementsOfTypes(Throwable.class).doesNotHaveDuplicates();
    FakeNeutronState state = host.neutron.state();
    assertThat(state.subnetPools()).extracting(SubnetPool::name).containsExactly("kuryr");
    assertThat(state.networks())
        .extracting(Network::tags)
        .noneMatch(t -> t.contains("kuryr.pending"));
    assertThat(state.subnets()).extracting(Subnet::cidr).doesNotHaveDuplicates().hasSize(CALLERS);
  }

  @Test
  void containersComingAndGoingAtOnceLeaveTheNetworkAsItWas() throws Exception {
    DockerNetwork network = host.docker.network(dockerId("net")).subnet("10.104.0.0/24").create();
    FakeNeutronState before = host.neutron.state();

    List<Object> outcomes =
        atOnce(
            i ->
                () -> {
                  Container container = host.docker.run(network, dockerId("ep" + i)).start();
                  host.docker.stop(container);
                  return container.address(false);
                });

    assertThat(outcomes).doesNotHaveAnyElementsOfTypes(Throwable.class);
    assertThat(host.settledState()).isEqualTo(before);
    assertThat(host.binder.pluggedPorts()).isEmpty();
    host.docker.remove(network, RemoveOrder.RELEASE_POOL_FIRST);
    assertThat(host.neutron.state().networks()).isEmpty();
  }

  // As a current engine asks: without a MAC.
  private String endpointAddress(String poolId, Optional<String> address) {
    var request =
        new AddressRequest(
            poolId, address, AddressRole.ENDPOINT, Optional.empty(), Optional.empty());
    return host.services.ipam().requestAddress(request).cidr();
  }
}
