package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Subnet;

/** The pool after a restart and when its network goes: nothing left behind, nothing taken twice. */
class PortPoolTest {
  private static final String HOST = "compute-1";
  private static final String DOCKER_NETWORK = "0f".repeat(32);

  private final InMemoryNeutron neutron = new InMemoryNeutron();
  private final Subnet subnet = neutron.addNetwork("10.8.0.0/24", KuryrTags.idTags(DOCKER_NETWORK));
  private final PortDeletions deletions = new PortDeletions(neutron);
  private final PortPool pool =
      new PortPool(
          neutron, new MappingSettings.PortPool(true, 0, 10, 5), Optional.of(HOST), deletions);

  @AfterEach
  void stop() {
    deletions.close(Duration.ofSeconds(2));
  }

  private Port hostPort(String name, String host, List<String> tags) {
    String id = UUID.randomUUID().toString();
    return neutron.addPort(
        new Port(
            id,
            name,
            "",
            subnet.networkId(),
            "p",
            "fa:16:3e:00:01:02",
            List.of(FixedIp.of(subnet.id(), "10.8.0." + (neutron.ports.size() + 20))),
            KuryrTags.DEVICE_OWNER,
            "",
            "DOWN",
            true,
            host,
            "ovs",
            Map.of(),
            "normal",
            Map.of(),
            List.of(),
            List.of(),
            "",
            List.of(),
            true,
            tags,
            1L,
            null));
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
    assertThat(neutron.port(inUse.id())).isNotNull();
    assertThat(neutron.port(released.id())).isNull();
    assertThat(neutron.port(untagged.id())).isNull();
    assertThat(neutron.port(otherHost.id())).isNotNull();
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
    Subnet orphan = neutron.addNetwork("10.7.0.0/24", List.of());
    Port stale =
        neutron.addPort(
            new Port(
                UUID.randomUUID().toString(),
                KuryrTags.POOL_PORT_NAME,
                "",
                orphan.networkId(),
                "p",
                "fa:16:3e:00:01:03",
                List.of(FixedIp.of(orphan.id(), "10.7.0.5")),
                KuryrTags.DEVICE_OWNER,
                "",
                "DOWN",
                true,
                HOST,
                "ovs",
                Map.of(),
                "normal",
                Map.of(),
                List.of(),
                List.of(),
                "",
                List.of(),
                true,
                List.of(KuryrTags.POOL_PORT),
                1L,
                null));

    pool.recover();
    assertThat(deletions.awaitNetwork(orphan.networkId(), Duration.ofSeconds(5))).isTrue();

    assertThat(neutron.port(stale.id())).isNull();
  }

  @Test
  void drainingANetworkDeletesItsFreePortsAndStopsRefilling() {
    var filling =
        new PortPool(
            neutron, new MappingSettings.PortPool(true, 3, 3, 3), Optional.of(HOST), deletions);
    filling.take(subnet);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (neutron.portsOn(subnet.networkId()).size() < 3 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    filling.drain(subnet.networkId());

    assertThat(neutron.portsOn(subnet.networkId())).isEmpty();
    assertThat(filling.take(subnet)).isEmpty();
  }

  @Test
  void disabledPoolDeletesTheFreePortsItFindsAndTakesNone() {
    var off =
        new PortPool(
            neutron, new MappingSettings.PortPool(false, 3, 3, 3), Optional.of(HOST), deletions);
    Port free = hostPort(KuryrTags.POOL_PORT_NAME, HOST, List.of(KuryrTags.POOL_PORT));

    off.recover();
    awaitDeletions();

    assertThat(neutron.port(free.id())).isNull();
    assertThat(off.take(subnet)).isEmpty();
    assertThat(neutron.requests()).doesNotContain("POST ports");
  }
}
