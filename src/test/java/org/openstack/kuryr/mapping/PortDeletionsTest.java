package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/** Deleting released ports behind Docker's back, and waiting for it where it matters. */
class PortDeletionsTest {
  private final FakeNeutron neutron = new FakeNeutron();
  private final Subnet subnet = neutron.createNetworkWithSubnet("10.5.0.0/24", List.of());

  private Port port() {
    return neutron
        .ports()
        .create(
            PortRequest.builder()
                .networkId(subnet.networkId())
                .fixedIps(List.of(FixedIp.onSubnet(subnet.id())))
                .build());
  }

  @Test
  void networkIsIdleOnceItsPortsAreDeleted() {
    var deletions = new PortDeletions(neutron);
    Port one = port();
    Port two = port();

    deletions.delete(one);
    deletions.delete(two);
    boolean idle = deletions.awaitNetwork(subnet.networkId(), Duration.ofSeconds(5));
    deletions.close(Duration.ofSeconds(1));

    assertThat(idle).isTrue();
    assertThat(neutron.state().userPortsOn(subnet.networkId())).isEmpty();
    assertThat(deletions.backlog()).isZero();
  }

  @Test
  void deletionThatFailsIsTriedAgainLater() {
    var deletions = new PortDeletions(neutron);
    Port port = port();
    neutron.failOn("DELETE", "ports", 1, 503, null);

    deletions.delete(port);
    boolean idleSoon = deletions.awaitNetwork(subnet.networkId(), Duration.ofMillis(300));
    boolean idleLater = deletions.awaitNetwork(subnet.networkId(), Duration.ofSeconds(10));
    deletions.close(Duration.ofSeconds(1));

    assertThat(idleSoon).isFalse();
    assertThat(idleLater).isTrue();
    assertThat(neutron.state().port(port.id())).isEmpty();
  }

  @Test
  void afterCloseNothingIsDeletedAndTheNextStartIsLeftToDoIt() {
    var deletions = new PortDeletions(neutron);
    deletions.close(Duration.ofSeconds(1));
    Port port = port();

    deletions.delete(port);

    assertThat(neutron.state().port(port.id())).isPresent();
  }
}
