package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import org.junit.jupiter.api.Test;
import org.openstack.kuryr.mapping.DockerEngine.Container;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;
import org.openstack.kuryr.mapping.DockerEngine.RemoveOrder;
import org.openstack.kuryr.neutron.fake.FakeNeutronState;

/**
 * Releases and deletes succeed when what they release is already gone: twice, unknown IDs, or
 * removed from Neutron behind Kuryr's back. Docker retries them and cleans up stale endpoints at
 * start, and must not be blocked by them.
 */
class IdempotentReleaseTest {
  private static final String UNKNOWN_POOL = "00000000-0000-4000-8000-00000000dead";

  private final MappingHarness host = new MappingHarness();

  @Test
  void everyReleaseAndDeleteTwiceSucceedsAndChangesNothingMore() {
    FakeNeutronState before = host.neutron.state();
    DockerNetwork network = host.docker.network(dockerId("twice")).subnet("10.60.0.0/24").create();
    Container container = host.docker.run(network, dockerId("ep1")).start();

    host.docker.stop(container);
    host.docker.stop(container);
    host.docker.remove(network, RemoveOrder.RELEASE_POOL_FIRST);
    host.docker.remove(network, RemoveOrder.RELEASE_POOL_FIRST);
    host.docker.remove(network, RemoveOrder.DELETE_NETWORK_FIRST);

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void unknownIdsAreAlreadyGone() {
    FakeNeutronState before = host.neutron.state();
    String network = dockerId("never");
    String endpoint = dockerId("never-ep");

    host.services.endpoints().revokeExternalConnectivity(network, endpoint);
    host.services.endpoints().leave(network, endpoint);
    host.services.endpoints().deleteEndpoint(network, endpoint);
    host.services.ipam().releaseAddress(UNKNOWN_POOL, "10.61.0.5");
    host.services.ipam().releaseAddress(UNKNOWN_POOL + "@10.61.0.0/24", "10.61.0.5");
    host.services.ipam().releaseAddress("subnet:" + UNKNOWN_POOL, "10.61.0.5");
    host.services.ipam().releasePool(UNKNOWN_POOL);
    host.services.ipam().releasePool(UNKNOWN_POOL + "@10.61.0.0/24");
    host.services.ipam().releasePool("subnet:" + UNKNOWN_POOL);
    host.services.networks().deleteNetwork(network);

    assertThat(host.services.endpoints().operationalInfo(network, endpoint)).isEmpty();
    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void staleEndpointOfAKnownNetworkIsAlreadyGone() {
    DockerNetwork network = host.docker.network(dockerId("stale")).subnet("10.62.0.0/24").create();
    FakeNeutronState before = host.neutron.state();

    host.services.endpoints().deleteEndpoint(network.id(), dockerId("gone-ep"));
    host.services.ipam().releaseAddress(network.pool(false).poolId(), "10.62.0.77");

    assertThat(host.neutron.state()).isEqualTo(before);
  }

  @Test
  void releasesAfterTheNetworkVanishedFromNeutronSucceed() {
    DockerNetwork network = host.docker.network(dockerId("vanish")).subnet("10.63.0.0/24").create();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    FakeNeutronState withContainer = host.neutron.state();
    // An operator deletes everything by hand while the daemon runs.
    withContainer.userPorts().forEach(p -> host.neutron.ports().delete(p.id()));
    withContainer.networks().forEach(n -> host.neutron.networks().delete(n.id()));
    withContainer.subnetPools().forEach(p -> host.neutron.subnetPools().delete(p.id()));
    FakeNeutronState emptied = host.neutron.state();

    host.docker.stop(container);
    host.docker.remove(network, RemoveOrder.RELEASE_POOL_FIRST);

    assertThat(host.neutron.state()).isEqualTo(emptied);
    assertThat(host.binder.pluggedPorts()).isEmpty();
  }

  @Test
  void releasePoolWhenItsSubnetPoolIsAlreadyGoneSucceeds() {
    DockerNetwork network = host.docker.network(dockerId("nopool")).subnet("10.64.0.0/24").create();
    host.docker.remove(network, RemoveOrder.DELETE_NETWORK_FIRST);
    FakeNeutronState after = host.neutron.state();

    host.services.ipam().releasePool(network.pool(false).poolId());
    host.services.ipam().releaseAddress(network.pool(false).poolId(), "10.64.0.9");

    assertThat(host.neutron.state()).isEqualTo(after);
  }

  @Test
  void afterARestartReleasesOfWhatIsGoneSucceed() {
    DockerNetwork network =
        host.docker.network(dockerId("restart")).subnet("10.65.0.0/24").create();
    Container container = host.docker.run(network, dockerId("ep1")).start();
    host.docker.stop(container);
    host.docker.remove(network, RemoveOrder.RELEASE_POOL_FIRST);
    FakeNeutronState after = host.neutron.state();

    host.restartDaemon();
    host.docker.stop(container);
    host.docker.remove(network, RemoveOrder.DELETE_NETWORK_FIRST);

    assertThat(host.neutron.state()).isEqualTo(after);
  }

  @Test
  void poolNeutronStillFindsAllocatedIsKeptAndTheReleaseSucceeds() {
    DockerNetwork network = host.docker.network(dockerId("held")).subnet("10.66.0.0/24").create();
    // As when another host allocated from the pool in between: Neutron refuses with a 400.
    host.neutron.failOn("DELETE", "subnetpools", 1, 400, "SubnetPoolDeleteError");

    host.docker.remove(network, RemoveOrder.RELEASE_POOL_FIRST);

    assertThat(host.neutron.state().networks()).isEmpty();
    assertThat(host.neutron.state().subnetPools()).hasSize(1);
  }
}
