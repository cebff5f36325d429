package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;

/**
 * How many Neutron requests a container's lifecycle takes once the daemon knows the network: a
 * regression guard for the run path. Raise the figures only knowingly; lower them when the path
 * gets cheaper.
 */
class RequestCountTest {
  private final MappingHarness host = new MappingHarness();
  private final DockerNetwork network =
      host.docker.network(dockerId("net")).subnet("10.120.0.0/24").create();
  private final Map<String, List<String>> requestsPerCall = new LinkedHashMap<>();

  private void call(String verb, Runnable call) {
    int mark = host.neutron.requests().size();
    call.run();
    List<String> all = host.neutron.requests();
    requestsPerCall.put(verb, List.copyOf(all.subList(mark, all.size())));
  }

  private void lifecycle(String endpointId) {
    String poolId = network.pool(false).poolId();
    String networkId = network.id();
    String[] address = new String[1];
    call(
        "RequestAddress",
        () ->
            address[0] =
                host.services
                    .ipam()
                    .requestAddress(
                        new AddressRequest(
                            poolId,
                            Optional.empty(),
                            AddressRole.ENDPOINT,
                            Optional.of("02:42:0a:78:00:09"),
                            Optional.empty()))
                    .cidr());
    var spec =
        new EndpointSpec(
            networkId,
            endpointId,
            Optional.of(address[0]),
            Optional.empty(),
            Optional.of("02:42:0a:78:00:09"),
            Map.of());
    call("CreateEndpoint", () -> host.services.endpoints().createEndpoint(spec));
    call("Join", () -> host.services.endpoints().join(networkId, endpointId, "/x"));
    call(
        "EndpointOperInfo", () -> host.services.endpoints().operationalInfo(networkId, endpointId));
    call("Leave", () -> host.services.endpoints().leave(networkId, endpointId));
    call("DeleteEndpoint", () -> host.services.endpoints().deleteEndpoint(networkId, endpointId));
    String bare = address[0].substring(0, address[0].indexOf('/'));
    call("ReleaseAddress", () -> host.services.ipam().releaseAddress(poolId, bare));
  }

  @Test
  void containerLifecycleWithWarmCachesTakesFiveNeutronRequests() {
    lifecycle(dockerId("warm-up"));
    long before = host.neutron.requestCounters().network();

    lifecycle(dockerId("ep1"));

    assertThat(requestsPerCall)
        .containsExactly(
            Map.entry("RequestAddress", List.of("POST ports", "PUT ports/tags")),
            Map.entry("CreateEndpoint", List.of("PUT ports")),
            Map.entry("Join", List.of()),
            Map.entry("EndpointOperInfo", List.of()),
            Map.entry("Leave", List.of()),
            Map.entry("DeleteEndpoint", List.of()),
            Map.entry("ReleaseAddress", List.of("GET ports", "DELETE ports")));
    assertThat(host.neutron.requestCounters().network() - before).isEqualTo(5);
  }

  @Test
  void portTaggedInItsCreateRequestSavesOneRequest() {
    host.neutron.tagPortsOnCreate();
    lifecycle(dockerId("warm-up"));
    long before = host.neutron.requestCounters().network();

    lifecycle(dockerId("ep1"));

    assertThat(requestsPerCall.get("RequestAddress")).containsExactly("POST ports");
    assertThat(host.neutron.requestCounters().network() - before).isEqualTo(4);
  }

  @Test
  void containerLifecycleRightAfterARestartTakesEightNeutronRequests() {
    host.restartDaemon();
    long before = host.neutron.requestCounters().network();

    lifecycle(dockerId("ep1"));

    assertThat(requestsPerCall)
        .containsExactly(
            Map.entry("RequestAddress", List.of("GET subnets", "POST ports", "PUT ports/tags")),
            Map.entry("CreateEndpoint", List.of("GET networks", "GET subnets", "PUT ports")),
            Map.entry("Join", List.of()),
            Map.entry("EndpointOperInfo", List.of()),
            Map.entry("Leave", List.of()),
            Map.entry("DeleteEndpoint", List.of()),
            Map.entry("ReleaseAddress", List.of("GET ports", "DELETE ports")));
    assertThat(host.neutron.requestCounters().network() - before).isEqualTo(8);
  }
}
