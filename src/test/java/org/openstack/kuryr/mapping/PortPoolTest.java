package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/** The pool after a restart and when its network goes: nothing left behind, nothing taken twice. */
class PortPoolTest {
  private static final String HOST = "compute-1";
  private static final String DOCKER_NETWORK = "0f".repeat(32);

  private final FakeNeutron neutron = new FakeNeutron();
  private final Subnet subnet =
      neutron.createNetworkWithSubnet("10.8.0.0/24", KuryrTags.idTags(DOCKER_NETWORK));
  private final PortDeletions deletions = new PortDeletions(neutron);
  private final PortPool pool =
      new PortPool(
          neutron, new MappingSettings.PortPool(true, 0, 10, 5), Optional.of(HOST), deletions);

  @AfterEach
  void stop() {
    deletions.close(Duration.ofSeconds(2));
  }

  /** A port as another daemon or an earlier run of this one left it, bound to a host. */
  private Port hostPort(String name, String host, List<String> tags) {
    return hostPort(subnet, name, host, tags);
  }

  private Port hostPort(Subnet on, String name, String host, List<String> tags) {
    return neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(on.networkId())
                .name(name)
                .fixedIps(List.of(FixedIp.onSubnet(on.id())))
                .deviceOwner(KuryrTags.DEVICE_OWNER)
                .bindingHostId(host)
                .tags(tags)
                .build());
  }

  private void awaitDeletions() {
    assertThat(deletions.awaitNetwork(subnet.networkId(), Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void restartFindsFreePortsAgainAndDeletesWhatWasLeftHalfDone() {
    Port free = hostPort(KuryrTags.POOL_PORT_NAME, HOST, List.of(KuryrTags.POOL_PORT));
    var inUseTags = new java.util.ArrayList<>(KuryrTags.idTags("ab".repeat(32)));
    inUseTags.add(KuryrTags.POOL_PORT);
    Port inUse = hostPort(KuryrTags.POOL_PORT_NAME, HOST, inUseTags);
    Port released = hostPort(KuryrTags.UNBOUND_PORT_NAME, HOST, List.of(KuryrTags.RELEASED_PORT));
    Port untagged = hostPort(KuryrTags.POOL_PORT_NAME, HOST, List.of());
    Port otherHost = hostPort(KuryrTags.POOL_PORT_NAME, "compute-2", List.of(KuryrTags.POOL_PORT));

    pool.recover();
    awaitDeletions();

    assertThat(pool.take(subnet)).map(Port::id).contains(free.id());
    assertThat(pool.take(subnet)).isEmpty();
    assertThat(neutron.state().port(inUse.id())).isPresent();
    assertThat(neutron.state().port(released.id())).isEmpty();
    assertThat(neutron.state().port(untagged.id())).isEmpty();
    assertThat(neutron.state().port(otherHost.id())).isPresent();
  }

  @Test
  void recoveryTwiceAddsNoPortTwice() {
    hostPort(KuryrTags.POOL_PORT_NAME, HOST, List.of(KuryrTags.POOL_PORT));

    pool.recover();
    pool.recover();

    assertThat(pool.take(subnet)).isPresent();
    assertThat(pool.take(subnet)).isEmpty();
  }

  @Test
  void freePortsOfANetworkNoDockerNetworkUsesAreDeletedAtStart() {
    Subnet orphan = neutron.createNetworkWithSubnet("10.7.0.0/24", List.of());
    Port stale = hostPort(orphan, KuryrTags.POOL_PORT_NAME, HOST, List.of(KuryrTags.POOL_PORT));

    pool.recover();
    assertThat(deletions.awaitNetwork(orphan.networkId(), Duration.ofSeconds(5))).isTrue();

    assertThat(neutron.state().port(stale.id())).isEmpty();
  }

  @Test
  void drainingANetworkDeletesItsFreePortsAndStopsRefilling() {
    var filling =
        new PortPool(
            neutron, new MappingSettings.PortPool(true, 3, 3, 3), Optional.of(HOST), deletions);
    filling.take(subnet);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (neutron.state().userPortsOn(subnet.networkId()).size() < 3
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    filling.drain(subnet.networkId());

    assertThat(neutron.state().userPortsOn(subnet.networkId())).isEmpty();
    assertThat(filling.take(subnet)).isEmpty();
  }

  @Test
  void smallSubnetKeepsAtMostAQuarterOfItsAddressesFree() {
    Subnet small = neutron.createNetworkWithSubnet("10.6.0.0/28", KuryrTags.idTags(DOCKER_NETWORK));
    var filling =
        new PortPool(
            neutron, new MappingSettings.PortPool(true, 20, 40, 10), Optional.of(HOST), deletions);

    filling.take(small);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Boolean.FALSE.equals(refilling(filling, small)) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    // 16 addresses, of which 13 for ports: 3 free ones at most.
    assertThat(neutron.state().userPortsOn(small.networkId())).hasSize(3);
    filling.drain(small.networkId());
  }

  @SuppressWarnings("unchecked")
  private static Object refilling(PortPool pool, Subnet subnet) {
    var figures = (Map<String, Object>) pool.figures().get(subnet.networkId() + "/" + subnet.id());
    return figures == null ? null : figures.get("refilling");
  }

  @Test
  void disabledPoolDeletesTheFreePortsItFindsAndTakesNone() {
    var off =
        new PortPool(
            neutron, new MappingSettings.PortPool(false, 3, 3, 3), Optional.of(HOST), deletions);
    Port free = hostPort(KuryrTags.POOL_PORT_NAME, HOST, List.of(KuryrTags.POOL_PORT));
    neutron.clearRequests();

    off.recover();
    awaitDeletions();

    assertThat(neutron.state().port(free.id())).isEmpty();
    assertThat(off.take(subnet)).isEmpty();
    assertThat(neutron.requests()).doesNotContain("POST ports");
  }
}
