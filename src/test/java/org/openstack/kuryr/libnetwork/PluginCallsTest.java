package org.openstack.kuryr.libnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.AddressRequest;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.EndpointSpec;
import org.openstack.kuryr.mapping.ExternalConnectivity;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.mapping.JoinInfo;
import org.openstack.kuryr.mapping.NetworkSpec;

/** The wire side of every verb: what Docker sends is read right, what it gets is shaped right. */
class PluginCallsTest {
  private static final String ID = "ab".repeat(32);
  private static final String EP = "cd".repeat(32);

  private final FakeServices services = new FakeServices();
  private final PluginEndpoints endpoints =
      new PluginEndpoints(
          new NetworkDriverCalls(services, services, "local", "eth"),
          new IpamDriverCalls(services, "no_address_space"));

  private PluginReply call(String verb, String body) {
    return endpoints.dispatch(verb, body.getBytes(StandardCharsets.UTF_8));
  }

  private String ok(String verb, String body) {
    PluginReply reply = call(verb, body);
    String text = new String(reply.body(), StandardCharsets.UTF_8);
    assertThat(reply.status()).as(text).isEqualTo(200);
    return text;
  }

  @Test
  void capabilitiesAnnounceScopeAndMacRequirement() {
    assertThat(ok("NetworkDriver.GetCapabilities", ""))
        .isEqualTo("{\"Scope\":\"local\",\"ConnectivityScope\":\"local\"}");
    assertThat(ok("IpamDriver.GetCapabilities", ""))
        .isEqualTo("{\"RequiresMACAddress\":false,\"RequiresRequestReplay\":false}");
    assertThat(ok("IpamDriver.GetDefaultAddressSpaces", ""))
        .isEqualTo(
            "{\"LocalDefaultAddressSpace\":\"no_address_space\","
                + "\"GlobalDefaultAddressSpace\":\"no_address_space\"}");
  }

  @Test
  void requestPoolReturnsTheGatewayInData() {
    assertThat(ok("IpamDriver.RequestPool", "{\"Pool\":\"10.0.0.0/24\",\"V6\":false}"))
        .isEqualTo(
            "{\"PoolID\":\"pool-1\",\"Pool\":\"10.0.0.0/24\","
                + "\"Data\":{\"com.docker.network.gateway\":\"10.0.0.1/24\"}}");
  }

  @Test
  void requestAddressTellsGatewayEndpointAndAuxiliaryApart() {
    ok(
        "IpamDriver.RequestAddress",
        "{\"PoolID\":\"p\",\"Address\":\"\",\"Options\":"
            + "{\"RequestAddressType\":\"com.docker.network.gateway\"}}");
    ok(
        "IpamDriver.RequestAddress",
        "{\"PoolID\":\"p\",\"Address\":\"\",\"Options\":"
            + "{\"com.docker.network.endpoint.macaddress\":\"02:42:0a:00:00:05\"}}");
    ok("IpamDriver.RequestAddress", "{\"PoolID\":\"p\",\"Address\":\"\",\"Options\":null}");
    ok("IpamDriver.RequestAddress", "{\"PoolID\":\"p\",\"Address\":\"10.0.0.9\",\"Options\":null}");

    assertThat(services.calls)
        .extracting(c -> ((AddressRequest) c).role())
        .containsExactly(
            AddressRole.GATEWAY,
            AddressRole.ENDPOINT,
            AddressRole.ENDPOINT,
            AddressRole.AUXILIARY_OR_ENDPOINT);
    assertThat(((AddressRequest) services.calls.get(1)).macAddress()).contains("02:42:0a:00:00:05");
  }

  @Test
  void createNetworkReadsGenericOptionsAndPools() {
    ok(
        "NetworkDriver.CreateNetwork",
        "{\"NetworkID\":\""
            + ID
            + "\",\"Options\":{\"com.docker.network.generic\":"
            + "{\"neutron.net.name\":\"n1\"},\"com.docker.network.enable_ipv6\":true},"
            + "\"IPv4Data\":[{\"AddressSpace\":\"a\",\"Pool\":\"10.0.0.0/24\","
            + "\"Gateway\":\"10.0.0.1/24\"}],\"IPv6Data\":[]}");

    var spec = (NetworkSpec) services.calls.getFirst();
    assertThat(spec.options()).containsEntry("neutron.net.name", "n1").hasSize(1);
    assertThat(spec.ipv4Pools())
        .containsExactly(new NetworkSpec.PoolData("10.0.0.0/24", Optional.of("10.0.0.1/24")));
    assertThat(spec.ipv6Pools()).isEmpty();
  }

  @Test
  void createEndpointReportsTheMacOnlyWhenDockerGaveNone() {
    String withMac =
        ok(
            "NetworkDriver.CreateEndpoint",
            "{\"NetworkID\":\""
                + ID
                + "\",\"EndpointID\":\""
                + EP
                + "\",\"Interface\":"
                + "{\"Address\":\"10.0.0.5/24\",\"MacAddress\":\"02:42:0a:00:00:05\"}}");
    String withoutMac =
        ok(
            "NetworkDriver.CreateEndpoint",
            "{\"NetworkID\":\""
                + ID
                + "\",\"EndpointID\":\""
                + EP
                + "\",\"Interface\":"
                + "{\"Address\":\"10.0.0.5/24\"},\"Options\":{\"neutron.sg\":\"web\"}}");

    assertThat(withMac).isEqualTo("{\"Interface\":{}}");
    assertThat(withoutMac).isEqualTo("{\"Interface\":{\"MacAddress\":\"fa:16:3e:00:00:01\"}}");
    assertThat(((EndpointSpec) services.calls.get(1)).options()).containsEntry("neutron.sg", "web");
  }

  @Test
  void joinWithoutGatewayLeavesItOutAndDisablesDockersGatewayNetwork() {
    services.joinInfo =
        new JoinInfo(
            "t_c123",
            Optional.empty(),
            Optional.of("fd00::1"),
            List.of(new JoinInfo.Route("192.168.0.0/16", "10.0.0.254")));
    String reply =
        ok(
            "NetworkDriver.Join",
            "{\"NetworkID\":\""
                + ID
                + "\",\"EndpointID\":\""
                + EP
                + "\","
                + "\"SandboxKey\":\"/run/docker26/netns/abc\",\"Options\":null}");

    assertThat(reply)
        .isEqualTo(
            "{\"InterfaceName\":{\"SrcName\":\"t_c123\",\"DstPrefix\":\"eth\"},"
                + "\"GatewayIPv6\":\"fd00::1\",\"StaticRoutes\":[{\"Destination\":"
                + "\"192.168.0.0/16\",\"RouteType\":0,\"NextHop\":\"10.0.0.254\"}],"
                + "\"DisableGatewayService\":true}");
    assertThat(services.calls).containsExactly("join " + EP + " /run/docker26/netns/abc");
  }

  @Test
  void externalConnectivityReadsExposedPortsAndPortMaps() {
    ok(
        "NetworkDriver.ProgramExternalConnectivity",
        "{\"NetworkID\":\""
            + ID
            + "\",\"EndpointID\":\""
            + EP
            + "\",\"Options\":{"
            + "\"com.docker.network.endpoint.exposedports\":[{\"Proto\":6,\"Port\":80},"
            + "{\"Proto\":132,\"Port\":9}],"
            + "\"com.docker.network.portmap\":[{\"Proto\":17,\"IP\":\"\",\"Port\":53,"
            + "\"HostIP\":\"203.0.113.5\",\"HostPort\":5353,\"HostPortEnd\":5353}],"
            + "\"com.docker.network.driver.private.no_proxy_6to4\":false}}");

    var connectivity = (ExternalConnectivity) services.calls.getFirst();
    assertThat(connectivity.exposedPorts())
        .containsExactly(
            new ExternalConnectivity.ExposedPort(Protocol.TCP, 80),
            new ExternalConnectivity.ExposedPort(Protocol.SCTP, 9));
    assertThat(connectivity.publishedPorts())
        .containsExactly(
            new ExternalConnectivity.PublishedPort(Protocol.UDP, 53, "203.0.113.5", 5353, 5353));
  }

  @Test
  void unknownProtocolNumberIsABadRequest() {
    PluginReply reply =
        call(
            "NetworkDriver.ProgramExternalConnectivity",
            "{\"NetworkID\":\""
                + ID
                + "\",\"EndpointID\":\""
                + EP
                + "\",\"Options\":{"
                + "\"com.docker.network.endpoint.exposedports\":[{\"Proto\":1,\"Port\":0}]}}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("protocol number 1");
  }

  @Test
  void allocateNetworkEchoesItsOptions() {
    assertThat(
            ok(
                "NetworkDriver.AllocateNetwork",
                "{\"NetworkID\":\"abcdefghijklmnopqrstuvwxy\",\"Options\":{\"k\":\"v\"}}"))
        .isEqualTo("{\"Options\":{\"k\":\"v\"}}");
  }

  @Test
  void kuryrFailuresKeepTheirStatusAndMessage() {
    services.failure = () -> new ConflictException("address 10.0.0.5 is in use");
    PluginReply reply = call("NetworkDriver.DeleteNetwork", "{\"NetworkID\":\"" + ID + "\"}");
    assertThat(reply.status()).isEqualTo(409);
    assertThat(new String(reply.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"Err\":\"address 10.0.0.5 is in use\"}");
  }

  @Test
  void unexpectedFailuresAre500WithTheVerbNamed() {
    services.failure = () -> new IllegalStateException("boom");
    PluginReply reply = call("NetworkDriver.DeleteNetwork", "{\"NetworkID\":\"" + ID + "\"}");
    assertThat(reply.status()).isEqualTo(500);
    assertThat(new String(reply.body(), StandardCharsets.UTF_8))
        .contains("internal error in NetworkDriver.DeleteNetwork");
  }
}
