package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;
import org.openstack.kuryr.mapping.ForwardingPlan.Forwarding;
import org.openstack.kuryr.neutron.PortForwarding;

class ForwardingPlanTest {
  private static final String FIP = "203.0.113.5";

  private static PublishedPort tcp(int port, int hostPort, int hostPortEnd) {
    return new PublishedPort(Protocol.TCP, port, "", hostPort, hostPortEnd);
  }

  private static PortForwarding existing(String protocol, int external, String range) {
    return new PortForwarding(
        "f1",
        protocol,
        "10.0.0.9",
        "p9",
        range == null ? 80 : null,
        range == null ? external : null,
        null,
        range,
        "");
  }

  @Test
  void fixedHostPortMapsOneToOne() {
    var plan = ForwardingPlan.of(List.of(tcp(80, 8080, 8080)), List.of(), FIP, true);

    assertThat(plan.forwardings())
        .containsExactly(new Forwarding("tcp", PortRange.of(80), PortRange.of(8080)));
  }

  @Test
  void takenHostPortIsAConflictNamingWhoHasIt() {
    assertThatThrownBy(
            () ->
                ForwardingPlan.of(
                    List.of(tcp(80, 8080, 8080)), List.of(existing("tcp", 8080, null)), FIP, true))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "host port 8080/tcp of floating IP 203.0.113.5 is already forwarded to 10.0.0.9:80"
                + " (port p9)");
  }

  @Test
  void takenRangeCountsForEveryPortInIt() {
    assertThatThrownBy(
            () ->
                ForwardingPlan.of(
                    List.of(tcp(80, 9005, 9005)),
                    List.of(existing("tcp", 0, "9000:9010")),
                    FIP,
                    true))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void sameHostPortOfAnotherProtocolIsFree() {
    var plan =
        ForwardingPlan.of(List.of(tcp(53, 53, 53)), List.of(existing("udp", 53, null)), FIP, true);

    assertThat(plan.forwardings()).hasSize(1);
  }

  @Test
  void hostRangeForOnePortTakesItsFirstFreePort() {
    var plan =
        ForwardingPlan.of(
            List.of(tcp(70, 7000, 7005)), List.of(existing("tcp", 7000, null)), FIP, true);

    assertThat(plan.forwardings().getFirst().external()).isEqualTo(PortRange.of(7001));
  }

  @Test
  void fullHostRangeIsAConflict() {
    assertThatThrownBy(
            () ->
                ForwardingPlan.of(
                    List.of(tcp(70, 7000, 7000 + 0), tcp(71, 7000, 7001)),
                    List.of(existing("tcp", 7001, null)),
                    FIP,
                    true))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("no free host port in 7000-7001/tcp");
  }

  @Test
  void unchosenHostPortsComeFromTheEphemeralRangeInOrder() {
    var plan = ForwardingPlan.of(List.of(tcp(80, 0, 0), tcp(443, 0, 0)), List.of(), FIP, false);

    assertThat(plan.forwardings())
        .extracting(Forwarding::external)
        .containsExactly(PortRange.of(32768), PortRange.of(32769));
  }

  @Test
  void consecutivePortsMergeOnlyWhenBothSidesContinue() {
    var plan =
        ForwardingPlan.of(
            List.of(tcp(8001, 9001, 9001), tcp(8000, 9000, 9000), tcp(8002, 9100, 9100)),
            List.of(),
            FIP,
            true);

    assertThat(plan.forwardings())
        .containsExactly(
            new Forwarding("tcp", new PortRange(8000, 8001), new PortRange(9000, 9001)),
            new Forwarding("tcp", PortRange.of(8002), PortRange.of(9100)));
  }

  @Test
  void aPortListedTwiceIsForwardedOnce() {
    var plan =
        ForwardingPlan.of(List.of(tcp(80, 8080, 8080), tcp(80, 8080, 8080)), List.of(), FIP, true);

    assertThat(plan.forwardings()).hasSize(1);
  }
}
