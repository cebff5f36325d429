package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

class VmAddressPairsTest {
  private static final AddressPair USERS = new AddressPair("10.0.0.99", "fa:16:3e:99:99:99");
  private static final AddressPair OURS = new AddressPair("10.0.0.11", "02:42:0a:00:00:0b");

  private final NestedNeutron nested = new NestedNeutron();
  private final FakeNeutron neutron = nested.fake;
  private final Port vmPort = nested.vmPort("10.0.0.2");
  private final VmAddressPairs pairs = new VmAddressPairs(neutron, vmPort.id());

  @Test
  void addKeepsThePairsSomeoneElseSet() {
    nested.setAddressPairs(vmPort.id(), List.of(USERS));

    pairs.add(List.of(OURS));

    assertThat(nested.port(vmPort.id()).allowedAddressPairs()).containsExactly(USERS, OURS);
  }

  @Test
  void changeByAnotherWriterMeanwhileIsReadAgainNotOverwritten() {
    neutron.beforeRequest(
        "PUT", "ports", 1, () -> nested.setAddressPairs(vmPort.id(), List.of(USERS)));

    pairs.add(List.of(OURS));

    assertThat(nested.port(vmPort.id()).allowedAddressPairs())
        .containsExactlyInAnyOrder(USERS, OURS);
    // Two of ours, and the other writer's.
    assertThat(neutron.requests().stream().filter("PUT ports"::equals)).hasSize(3);
  }

  @Test
  void concurrentAddsWithAnotherWriterInterleavedLoseNoPair() throws Exception {
    int containers = 16;
    var otherWrites = new AtomicInteger();
    neutron.beforeRequest(
        "PUT",
        "ports",
        5,
        () -> {
          var now = new ArrayList<>(nested.port(vmPort.id()).allowedAddressPairs());
          now.add(new AddressPair("10.0.9." + otherWrites.incrementAndGet(), "fa:16:3e:09:09:09"));
          nested.setAddressPairs(vmPort.id(), now);
        });
    var start = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(containers)) {
      for (int i = 0; i < containers; i++) {
        var pair = new AddressPair("10.0.1." + i, String.format("02:42:0a:00:01:%02x", i));
        pool.submit(
            () -> {
              start.await();
              return pairs.add(List.of(pair));
            });
      }
      start.countDown();
    }

    assertThat(nested.port(vmPort.id()).allowedAddressPairs())
        .hasSize(containers + otherWrites.get());
  }

  @Test
  void removeTakesOnlyTheGivenPairsAndAbsentOnesAreFine() {
    nested.setAddressPairs(vmPort.id(), List.of(USERS, OURS));

    pairs.remove(List.of(OURS));
    long updates = neutron.requests().stream().filter("PUT ports"::equals).count();
    pairs.remove(List.of(OURS));

    assertThat(nested.port(vmPort.id()).allowedAddressPairs()).containsExactly(USERS);
    assertThat(neutron.requests().stream().filter("PUT ports"::equals)).hasSize((int) updates);
  }

  @Test
  void pairsAreTheSameHoweverTheAddressIsWritten() {
    nested.setAddressPairs(
        vmPort.id(), List.of(new AddressPair("fd00:0:0::0b", "02:42:0A:00:00:0B")));

    pairs.remove(List.of(new AddressPair("fd00::b", "02:42:0a:00:00:0b")));

    assertThat(nested.port(vmPort.id()).allowedAddressPairs()).isEmpty();
  }

  @Test
  void tooManyPairsIsAConflictThatNamesNeutronsLimit() {
    neutron.failOn("PUT", "ports", 1, 400, "AllowedAddressPairExhausted");

    assertThatThrownBy(() -> pairs.add(List.of(OURS)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("max_allowed_address_pair");
  }

  @Test
  void writerThatNeverStopsMakesTheChangeFailAfterBoundedAttempts() {
    var n = new AtomicInteger();
    neutron.beforeRequest(
        "PUT",
        "ports",
        Integer.MAX_VALUE,
        () ->
            nested.setAddressPairs(
                vmPort.id(), List.of(new AddressPair("10.0.8." + n.incrementAndGet(), null))));

    assertThatThrownBy(() -> pairs.add(List.of(OURS)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("add address pairs");
    assertThat(n.get()).isEqualTo(10);
  }
}
