package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openstack.kuryr.mapping.NestedFixtures.VM_NETWORK;
import static org.openstack.kuryr.mapping.NestedFixtures.VM_SUBNET;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.Port;

class VmAddressPairsTest {
  private static final AddressPair USERS = new AddressPair("10.0.0.99", "fa:16:3e:99:99:99");
  private static final AddressPair OURS = new AddressPair("10.0.0.11", "02:42:0a:00:00:0b");

  private final NestedFakeNeutron neutron = new NestedFakeNeutron();
  private final Port vmPort = neutron.addVmPort(VM_NETWORK, VM_SUBNET, "10.0.0.2");
  private final VmAddressPairs pairs = new VmAddressPairs(neutron, vmPort.id());

  @Test
  void addKeepsThePairsSomeoneElseSet() {
    neutron.setAddressPairs(vmPort.id(), List.of(USERS));

    pairs.add(List.of(OURS));

    assertThat(neutron.port(vmPort.id()).allowedAddressPairs()).containsExactly(USERS, OURS);
  }

  @Test
  void changeByAnotherWriterMeanwhileIsReadAgainNotOverwritten() {
    neutron.before("update port", 1, () -> neutron.setAddressPairs(vmPort.id(), List.of(USERS)));

    pairs.add(List.of(OURS));

    assertThat(neutron.port(vmPort.id()).allowedAddressPairs())
        .containsExactlyInAnyOrder(USERS, OURS);
    assertThat(neutron.calls().stream().filter("update port"::equals)).hasSize(2);
  }

  @Test
  void concurrentAddsWithAnotherWriterInterleavedLoseNoPair() throws Exception {
    int containers = 16;
    var otherWrites = new AtomicInteger();
    neutron.before(
        "update port",
        5,
        () -> {
          var now = new ArrayList<>(neutron.port(vmPort.id()).allowedAddressPairs());
          now.add(new AddressPair("10.0.9." + otherWrites.incrementAndGet(), "fa:16:3e:09:09:09"));
          neutron.setAddressPairs(vmPort.id(), now);
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

    assertThat(neutron.port(vmPort.id()).allowedAddressPairs())
        .hasSize(containers + otherWrites.get());
  }

  @Test
  void removeTakesOnlyTheGivenPairsAndAbsentOnesAreFine() {
    neutron.setAddressPairs(vmPort.id(), List.of(USERS, OURS));

    pairs.remove(List.of(OURS));
    long updates = neutron.calls().stream().filter("update port"::equals).count();
    pairs.remove(List.of(OURS));

    assertThat(neutron.port(vmPort.id()).allowedAddressPairs()).containsExactly(USERS);
    assertThat(neutron.calls().stream().filter("update port"::equals)).hasSize((int) updates);
  }

  @Test
  void pairsAreTheSameHoweverTheAddressIsWritten() {
    neutron.setAddressPairs(
        vmPort.id(), List.of(new AddressPair("fd00:0:0::0b", "02:42:0A:00:00:0B")));

    pairs.remove(List.of(new AddressPair("fd00::b", "02:42:0a:00:00:0b")));

    assertThat(neutron.port(vmPort.id()).allowedAddressPairs()).isEmpty();
  }

  @Test
  void tooManyPairsIsAConflictThatNamesNeutronsLimit() {
    neutron.failOn("update port", 1, NestedFakeNeutron.failure(400, "AllowedAddressPairExhausted"));

    assertThatThrownBy(() -> pairs.add(List.of(OURS)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("max_allowed_address_pair");
  }

  @Test
  void writerThatNeverStopsMakesTheChangeFailAfterBoundedAttempts() {
    var n = new AtomicInteger();
    neutron.before(
        "update port",
        Integer.MAX_VALUE,
        () ->
            neutron.setAddressPairs(
                vmPort.id(), List.of(new AddressPair("10.0.8." + n.incrementAndGet(), null))));

    assertThatThrownBy(() -> pairs.add(List.of(OURS)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("add address pairs");
    assertThat(n.get()).isEqualTo(10);
  }
}
