package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.error.UnavailableException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class VmTrunkTest {
  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final String trunkId = nested.trunk(vmPort.id());
  private final VmTrunk trunk = new VmTrunk(neutron, vmPort.id());

  private String newPort(int n) {
    return nested.reservedPort(nested.vmSubnet, "10.0.0." + (10 + n)).id();
  }

  @Test
  void portBecomesSubportOnTheLowestFreeVlan() {
    String port = newPort(1);

    assertThat(trunk.ensureSubport(port)).isEqualTo(1);
    assertThat(nested.subports(trunkId)).containsExactly(SubPort.vlan(port, 1));
  }

  @Test
  void ensuringAnExistingSubportKeepsItsVlanAndAsksNeutronNothingMore() {
    String port = newPort(1);
    int vlan = trunk.ensureSubport(port);
    long adds = addCalls();

    assertThat(trunk.ensureSubport(port)).isEqualTo(vlan);
    assertThat(addCalls()).isEqualTo(adds);
  }

  @Test
  void restartedDaemonReadsTheVlansFromTheTrunkAndReusesNone() {
    String first = newPort(1);
    String second = newPort(2);
    trunk.ensureSubport(first);
    trunk.ensureSubport(second);

    var restarted = new VmTrunk(neutron, vmPort.id());
    String third = newPort(3);

    assertThat(restarted.segmentationIdOf(first)).contains(1);
    assertThat(restarted.ensureSubport(second)).isEqualTo(2);
    assertThat(restarted.ensureSubport(third)).isEqualTo(3);
  }

  @Test
  void vlanTakenMeanwhileByAnotherWriterIsChosenAgain() {
    String ours = newPort(1);
    String theirs = newPort(2);
    trunk.segmentationIdOf(ours);
    neutron.beforeRequest(
        "PUT",
        "trunks/add_subports",
        1,
        () -> neutron.trunks().addSubports(trunkId, List.of(SubPort.vlan(theirs, 1))));

    assertThat(trunk.ensureSubport(ours)).isEqualTo(2);
    assertThat(nested.subports(trunkId))
        .containsExactlyInAnyOrder(SubPort.vlan(theirs, 1), SubPort.vlan(ours, 2));
  }

  @Test
  void addWhoseAnswerWasLostIsRecognisedWhenTriedAgain() {
    String port = newPort(1);
    neutron.beforeRequest(
        "PUT",
        "trunks/add_subports",
        1,
        () -> {
          neutron.trunks().addSubports(trunkId, List.of(SubPort.vlan(port, 1)));
          throw NestedNeutron.unavailable();
        });

    assertThatThrownBy(() -> trunk.ensureSubport(port)).isInstanceOf(UnavailableException.class);
    assertThat(trunk.ensureSubport(port)).isEqualTo(1);
    assertThat(trunk.ensureSubport(newPort(2))).isEqualTo(2);
    assertThat(nested.subports(trunkId)).hasSize(2);
  }

  @Test
  void concurrentContainersGetDistinctVlans() throws Exception {
    int containers = 20;
    List<String> ports = new ArrayList<>();
    for (int i = 0; i < containers; i++) {
      ports.add(newPort(i));
    }
    neutron.beforeRequest("PUT", "trunks/add_subports", containers, VmTrunkTest::pause);
    var start = new CountDownLatch(1);
    List<Future<Integer>> vlans = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(containers)) {
      for (String port : ports) {
        vlans.add(
            pool.submit(
                () -> {
                  start.await();
                  return trunk.ensureSubport(port);
                }));
      }
      start.countDown();
    }

    List<Integer> chosen = new ArrayList<>();
    for (Future<Integer> vlan : vlans) {
      chosen.add(vlan.get());
    }
    assertThat(chosen).doesNotHaveDuplicates().hasSize(containers);
    assertThat(nested.subports(trunkId))
        .extracting(SubPort::segmentationId)
        .containsExactlyInAnyOrderElementsOf(chosen);
  }

  @Test
  void removingTwiceIsFineAndFreesTheVlan() {
    String port = newPort(1);
    trunk.ensureSubport(port);

    trunk.removeSubport(port);
    trunk.removeSubport(port);

    assertThat(nested.subports(trunkId)).isEmpty();
    assertThat(trunk.ensureSubport(newPort(2))).isEqualTo(1);
  }

  @Test
  void vmPortWithoutTrunkIsAnErrorThatSaysSoUntilATrunkExists() {
    Port bare = nested.vmPort("10.0.0.3");
    var noTrunk = new VmTrunk(neutron, bare.id());
    String port = newPort(1);

    assertThatThrownBy(() -> noTrunk.ensureSubport(port))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("VM port " + bare.id() + " has no trunk");

    nested.trunk(bare.id());
    assertThat(noTrunk.ensureSubport(port)).isEqualTo(1);
  }

  @Test
  void trunkGoneWhileRemovingIsFineAndIsLookedUpAgainNextTime() {
    String port = newPort(1);
    trunk.ensureSubport(port);
    neutron.failOn("PUT", "trunks/remove_subports", 1, 404, "TrunkNotFound");

    trunk.removeSubport(port);
    long vmPortReads = neutron.requests().stream().filter("GET ports"::equals).count();
    trunk.segmentationIdOf(port);

    assertThat(neutron.requests().stream().filter("GET ports"::equals))
        .hasSize((int) vmPortReads + 1);
  }

  @Test
  void portThatIsSubportOfAnotherTrunkIsAConflict() {
    Port otherVm = nested.vmPort("10.0.0.4");
    String otherTrunk = nested.trunk(otherVm.id());
    String port = newPort(1);
    new VmTrunk(neutron, otherVm.id()).ensureSubport(port);

    assertThatThrownBy(() -> trunk.ensureSubport(port))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("in use by trunk " + otherTrunk);
    assertThat(nested.subports(trunkId)).isEmpty();
  }

  private long addCalls() {
    return neutron.requests().stream().filter("PUT trunks/add_subports"::equals).count();
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
