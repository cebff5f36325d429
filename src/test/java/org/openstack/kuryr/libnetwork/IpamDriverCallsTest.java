package org.openstack.kuryr.libnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.mapping.AddressAllocation;
import org.openstack.kuryr.mapping.AddressRequest;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.IpamService;
import org.openstack.kuryr.mapping.PoolAllocation;
import org.openstack.kuryr.mapping.PoolRequest;

/** The IPAM verbs as Docker sends them: capabilities, and what each address request is for. */
class IpamDriverCallsTest {
  private final FakeServices services = new FakeServices();
  private final PluginEndpoints endpoints =
      new PluginEndpoints(
          new NetworkDriverCalls(services, services, "local", "eth"),
          new IpamDriverCalls(services, "no_address_space"));

  private String call(String name, String body) {
    PluginReply reply = endpoints.dispatch(name, body.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(200);
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  private AddressRequest requested(String body) {
    call("IpamDriver.RequestAddress", body);
    return (AddressRequest) services.calls.getLast();
  }

  @Test
  void noMacIsRequiredSoTheContainerTakesItsPortsMac() {
    assertThat(call("IpamDriver.GetCapabilities", "")).contains("\"RequiresMACAddress\":false");
  }

  @Test
  void requestWithoutAddressIsAnEndpoints() {
    AddressRequest request = requested("{\"PoolID\":\"p\",\"Address\":\"\",\"Options\":null}");

    assertThat(request.role()).isEqualTo(AddressRole.ENDPOINT);
    assertThat(request.address()).isEmpty();
  }

  @Test
  void namedAddressWithoutOptionsMayBeAuxiliaryOrAnEndpoints() {
    AddressRequest request =
        requested("{\"PoolID\":\"p\",\"Address\":\"10.0.0.9\",\"Options\":null}");

    assertThat(request.role()).isEqualTo(AddressRole.AUXILIARY_OR_ENDPOINT);
    assertThat(request.address()).contains("10.0.0.9");
  }

  @Test
  void namedAddressWithTheEndpointsNameIsAnEndpoints() {
    AddressRequest request =
        requested(
            "{\"PoolID\":\"p\",\"Address\":\"10.0.0.9\",\"Options\":"
                + "{\"com.docker.network.endpoint.name\":\"web\"}}");

    assertThat(request.role()).isEqualTo(AddressRole.ENDPOINT);
    assertThat(request.endpointName()).contains("web");
  }

  @Test
  void gatewayRequestIsTheGateways() {
    AddressRequest request =
        requested(
            "{\"PoolID\":\"p\",\"Address\":\"\",\"Options\":"
                + "{\"RequestAddressType\":\"com.docker.network.gateway\"}}");

    assertThat(request.role()).isEqualTo(AddressRole.GATEWAY);
  }

  @Test
  void callBeingServedIsKnownOnItsThreadOnly() {
    List<Optional<String>> seen = new ArrayList<>();
    IpamService ipam =
        new IpamService() {
          @Override
          public PoolAllocation requestPool(PoolRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void releasePool(String poolId) {}

          @Override
          public AddressAllocation requestAddress(AddressRequest request) {
            seen.add(PluginEndpoints.currentCall());
            return new AddressAllocation("10.0.0.5/24");
          }

          @Override
          public void releaseAddress(String poolId, String address) {}
        };
    var served =
        new PluginEndpoints(
            new NetworkDriverCalls(services, services, "local", "eth"),
            new IpamDriverCalls(ipam, "no_address_space"));

    served.dispatch(
        "IpamDriver.RequestAddress",
        "{\"PoolID\":\"p\",\"Address\":\"\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(seen).containsExactly(Optional.of("IpamDriver.RequestAddress"));
    assertThat(PluginEndpoints.currentCall()).isEmpty();
  }
}
