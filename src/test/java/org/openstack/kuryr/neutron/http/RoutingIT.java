package org.openstack.kuryr.neutron.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.PortForwardingRequest;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.Router;
import org.openstack.kuryr.neutron.RouterInterface;
import org.openstack.kuryr.neutron.RouterInterfaceRequest;
import org.openstack.kuryr.neutron.RouterRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.UpdatableResources;

/** Routers, floating IPs and port forwardings against the bed's real Neutron. */
class RoutingIT extends BedTest {

  @Test
  void floatingIpIsAssociatedForwardedAndDisassociatedThroughARouter() {
    Network external = externalNetwork();
    Network internal = network(List.of(prefix));
    Subnet subnet = subnet(internal, "10.236.0.0/24");
    Router router = router(external);
    RouterInterface attached =
        client.routers().addInterface(router.id(), RouterInterfaceRequest.subnet(subnet.id()));
    undo.push(
        attached,
        () ->
            client
                .routers()
                .removeInterface(router.id(), RouterInterfaceRequest.subnet(subnet.id())));
    Port port = port(PortRequest.builder().networkId(internal.id()).name(prefix + "-web").build());
    String address = port.fixedIps().getFirst().ipAddress();

    FloatingIp fip =
        client
            .floatingIps()
            .create(
                FloatingIpRequest.builder()
                    .floatingNetworkId(external.id())
                    .portId(port.id())
                    .tags(List.of(prefix))
                    .build());
    undo.push(fip, () -> client.floatingIps().delete(fip.id()));

    assertThat(attached.subnetId()).isEqualTo(subnet.id());
    assertThat(router.externalGatewayInfo().networkId()).isEqualTo(external.id());
    assertThat(fip.portId()).isEqualTo(port.id());
    assertThat(fip.fixedIpAddress()).isEqualTo(address);
    assertThat(fip.routerId()).isEqualTo(router.id());
    assertThat(fip.floatingIpAddress()).startsWith("198.51.100.");
    assertThat(ids(client.floatingIps().list(Query.tagged(prefix)))).containsExactly(fip.id());

    FloatingIp detached = client.floatingIps().update(fip.id(), FloatingIpRequest.disassociate());
    assertThat(detached.portId()).isNull();
    assertThat(detached.fixedIpAddress()).isNull();

    forwardingsWork(fip, port, address);
    // Neutron keeps the router's interface while a floating IP of the router uses the subnet.
    client.floatingIps().delete(fip.id());
    assertThat(
            client
                .routers()
                .removeInterface(router.id(), RouterInterfaceRequest.subnet(subnet.id())))
        .isTrue();
    assertThat(
            client
                .routers()
                .removeInterface(router.id(), RouterInterfaceRequest.subnet(subnet.id())))
        .isFalse();
  }

  @Test
  void routerGatewayIsRemovedAndTheRouterRenamedAndDeleted() {
    Router router = router(externalNetwork());

    Router updated =
        client
            .routers()
            .update(
                router.id(),
                RouterRequest.builder().name(prefix + "-r2").noExternalGateway().build());

    assertThat(updated.name()).isEqualTo(prefix + "-r2");
    assertThat(updated.externalGatewayInfo()).isNull();
    assertThat(client.routers().delete(router.id())).isTrue();
    assertThat(client.routers().delete(router.id())).isFalse();
  }

  private void forwardingsWork(FloatingIp fip, Port port, String address) {
    UpdatableResources<PortForwarding, PortForwardingRequest> forwardings =
        client.portForwardings(fip.id());
    PortForwarding single =
        forwardings.create(
            PortForwardingRequest.builder()
                .protocol("tcp")
                .internalPortId(port.id())
                .internalIpAddress(address)
                .internalPort(80)
                .externalPort(8080)
                .build());
    undo.push(single, () -> forwardings.delete(single.id()));
    PortForwarding range =
        forwardings.create(
            PortForwardingRequest.builder()
                .protocol("udp")
                .internalPortId(port.id())
                .internalIpAddress(address)
                .internalPortRange(5000, 5009)
                .externalPortRange(6000, 6009)
                .build());
    undo.push(range, () -> forwardings.delete(range.id()));

    assertThat(single.externalPort()).isEqualTo(8080);
    assertThat(single.internalIpAddress()).isEqualTo(address);
    assertThat(range.internalPortRange()).isEqualTo("5000:5009");
    assertThat(range.externalPortRange()).isEqualTo("6000:6009");
    assertThat(ids(forwardings.list())).containsExactlyInAnyOrder(single.id(), range.id());
    PortForwarding moved =
        forwardings.update(single.id(), PortForwardingRequest.builder().externalPort(8081).build());
    assertThat(moved.externalPort()).isEqualTo(8081);
    assertThat(forwardings.delete(single.id())).isTrue();
    assertThat(forwardings.delete(single.id())).isFalse();
    assertThat(forwardings.delete(range.id())).isTrue();
  }

  // A network of our own, so that nothing here depends on or disturbs the bed's "public".
  private Network externalNetwork() {
    Network external =
        network(
            NetworkRequest.builder()
                .name(prefix + "-ext")
                .routerExternal(true)
                .networkType("vlan")
                .physicalNetwork("public")
                .tags(List.of(prefix))
                .build());
    subnet(
        SubnetRequest.builder()
            .networkId(external.id())
            .ipVersion(4)
            .cidr("198.51.100.0/24")
            .gatewayIp("198.51.100.1")
            .enableDhcp(false)
            .build());
    assertThat(external.routerExternal()).isTrue();
    assertThat(external.networkType()).isEqualTo("vlan");
    return external;
  }

  private Router router(Network external) {
    Router router =
        client
            .routers()
            .create(
                RouterRequest.builder()
                    .name(prefix + "-router")
                    .externalGateway(Router.ExternalGatewayInfo.on(external.id()))
                    .tags(List.of(prefix))
                    .build());
    return undo.push(router, () -> client.routers().delete(router.id()));
  }
}
