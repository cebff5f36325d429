package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.SubPort;

class SegmentationIdsTest {
  private final List<SubPort> trunk = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final SegmentationIds ids =
      new SegmentationIds(
          () -> {
            reads.incrementAndGet();
            return List.copyOf(trunk);
          });

  @Test
  void reservesTheLowestIdNoSubportUses() {
    trunk.add(SubPort.vlan("p1", 1));
    trunk.add(SubPort.vlan("p3", 3));

    assertThat(ids.reserve()).isEqualTo(2);
    assertThat(ids.reserve()).isEqualTo(4);
  }

  @Test
  void knowsTheIdsOfSubportsAddedBeforeARestart() {
    trunk.add(SubPort.vlan("p7", 7));

    assertThat(ids.of("p7")).contains(7);
    assertThat(ids.of("p8")).isEmpty();
    assertThat(reads).hasValue(1);
  }

  @Test
  void reservedIdIsNotReservedAgainUntilCancelled() {
    int first = ids.reserve();
    int second = ids.reserve();
    ids.cancel(first, false);

    assertThat(second).isNotEqualTo(first);
    assertThat(ids.reserve()).isEqualTo(first);
    assertThat(reads).hasValue(1);
  }

  @Test
  void confirmedIdStaysTakenAndIsFreedWhenItsSubportGoes() {
    int id = ids.reserve();
    ids.confirm("p1", id);

    assertThat(ids.reserve()).isNotEqualTo(id);
    ids.removed("p1");
    assertThat(ids.of("p1")).isEmpty();
  }

  @Test
  void cancelAfterUncertainChangeReadsTheTrunkAgain() {
    int id = ids.reserve();
    trunk.add(SubPort.vlan("p1", id));
    ids.cancel(id, true);

    assertThat(ids.of("p1")).contains(id);
    assertThat(ids.reserve()).isNotEqualTo(id);
    assertThat(reads).hasValue(2);
  }

  @Test
  void allIdsTakenIsAConflict() {
    IntStream.rangeClosed(SegmentationIds.FIRST, SegmentationIds.LAST)
        .forEach(id -> trunk.add(SubPort.vlan("p" + id, id)));

    assertThatThrownBy(ids::reserve)
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("all 4094 are used");
  }

  @Test
  void concurrentReservationsNeverShareAnId() throws Exception {
    int threads = 32;
    Set<Integer> reserved = ConcurrentHashMap.newKeySet();
    var start = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        pool.submit(
            () -> {
              start.await();
              return reserved.add(ids.reserve());
            });
      }
      start.countDown();
    }

    assertThat(reserved).hasSize(threads);
  }
}
