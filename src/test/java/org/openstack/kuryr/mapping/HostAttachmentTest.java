package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.fake.FakeNeutron;

/** Binding a container's port on bare metal with as few Neutron updates as the port allows. */
class HostAttachmentTest {
  private static final String HOST = "compute-1";
  private static final String ENDPOINT = "e1".repeat(32);

  private final FakeNeutron neutron = new FakeNeutron();
  private final FakeBinder binder = new FakeBinder();
  private final Subnet subnet = neutron.createNetworkWithSubnet("10.6.0.0/24", List.of());
  private final HostAttachment attachment =
      new HostAttachment(
          neutron,
          binder,
          HOST,
          new PortReadiness(neutron, binder, Duration.ofSeconds(1), true),
          PortServices.NONE);

  private Port create(Optional<String> host) {
    var request =
        PortRequest.builder()
            .networkId(subnet.networkId())
            .fixedIps(List.of(org.openstack.kuryr.neutron.FixedIp.onSubnet(subnet.id())))
            .deviceOwner(KuryrTags.DEVICE_OWNER)
            .adminStateUp(true);
    host.ifPresent(request::bindingHostId);
    Port port = neutron.ports().create(request.build());
    neutron.clearRequests();
    return port;
  }

  private NetworkView view() {
    return new NetworkView(
        "d".repeat(64),
        neutron.state().network(subnet.networkId()).orElseThrow(),
        List.of(subnet),
        false);
  }

  private EndpointState attach(Port port, Optional<String> mac) {
    var view = view();
    var spec =
        new EndpointSpec(
            view.dockerNetworkId(),
            ENDPOINT,
            Optional.of("10.6.0.10/24"),
            Optional.empty(),
            mac,
            Map.of());
    return attachment.attach(port, port.fixedIps(), view, spec);
  }

  @Test
  void hostFailureNamesTheActionAndPortOnce() {
    var fromBinder =
        BindingException.wrap(
            "unplug port",
            "p1",
            new IllegalStateException("ovs-vsctl: database connection failed"));
    var fromElsewhere = new HostWiringException("unsupported vif type vhostuser", null);

    assertThat(HostAttachment.hostFailure("unplug port p1", fromBinder))
        .hasMessage("failed to unplug port p1: ovs-vsctl: database connection failed");
    assertThat(HostAttachment.hostFailure("plug port p1", fromElsewhere))
        .hasMessage("failed to plug port p1: unsupported vif type vhostuser");
  }

  @Test
  void portBoundHereAlreadyIsPluggedWithoutAnyNeutronUpdate() {
    Port port = create(Optional.of(HOST));

    EndpointState state = attach(port, Optional.empty());

    assertThat(neutron.requests()).isEmpty();
    assertThat(binder.plugged).containsExactly(port.id());
    assertThat(state.plugged().containerMacAddress()).isEqualTo(port.macAddress());
  }

  @Test
  void unboundPortIsBoundAndNamedInOneUpdate() {
    Port port = create(Optional.empty());

    attach(port, Optional.empty());

    Port bound = neutron.state().port(port.id()).orElseThrow();
    assertThat(neutron.requests()).containsExactly("PUT ports");
    assertThat(bound.bindingHostId()).isEqualTo(HOST);
    assertThat(bound.deviceId()).isEqualTo(ENDPOINT);
    assertThat(bound.name()).isEqualTo(KuryrTags.portName(ENDPOINT));
  }

  @Test
  void boundPortTakesDockersMacByBeingUnboundFirst() {
    Port port = create(Optional.of(HOST));

    EndpointState state = attach(port, Optional.of("02:42:0a:06:00:0a"));

    assertThat(neutron.requests()).containsExactly("PUT ports", "PUT ports");
    assertThat(neutron.state().port(port.id()).orElseThrow().macAddress())
        .isEqualTo("02:42:0a:06:00:0a");
    assertThat(neutron.state().port(port.id()).orElseThrow().bindingHostId()).isEqualTo(HOST);
    assertThat(state.bound().macAddress()).isEqualTo("02:42:0a:06:00:0a");
  }

  @Test
  void onlyAPortBoundHereWithTheRightMacNeedsNothingFromNeutron() {
    Port bound = create(Optional.of(HOST));
    Port unbound = create(Optional.empty());
    var spec =
        new EndpointSpec(
            "d".repeat(64),
            ENDPOINT,
            Optional.of("10.6.0.10/24"),
            Optional.empty(),
            Optional.empty(),
            Map.of());
    var withMac =
        new EndpointSpec(
            "d".repeat(64),
            ENDPOINT,
            Optional.of("10.6.0.10/24"),
            Optional.empty(),
            Optional.of("02:42:0a:06:00:0b"),
            Map.of());

    assertThat(attachment.attachesWithoutNeutron(bound, bound.fixedIps(), view(), spec)).isTrue();
    assertThat(attachment.attachesWithoutNeutron(unbound, unbound.fixedIps(), view(), spec))
        .isFalse();
    assertThat(attachment.attachesWithoutNeutron(bound, bound.fixedIps(), view(), withMac))
        .isFalse();
    assertThat(attachment.attachesWithoutNeutron(bound, unbound.fixedIps(), view(), spec))
        .isFalse();
  }

  @Test
  void portsCanBeBoundToThisHostAheadOfTime() {
    assertThat(attachment.prebindHost()).contains(HOST);
  }
}
