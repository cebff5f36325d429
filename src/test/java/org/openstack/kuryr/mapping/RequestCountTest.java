package org.openstack.kuryr.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openstack.kuryr.mapping.MappingHarness.dockerId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.DockerEngine.DockerNetwork;

/**
 * How many Neutron requests a container's lifecycle takes once the daemon knows the network, told
 * apart into those Docker waits for, call by call, and those the daemon makes in the background: a
 * regression guard for the run path. Raise the figures only knowingly; lower them when the path
 * gets cheaper. The engine is a current one: it asks for addresses without a MAC.
 */
class RequestCountTest {
  private final MappingHarness host = new MappingHarness();
  private final DockerNetwork network =
      host.docker.network(dockerId("net")).subnet("10.120.0.0/24").create();
  private final Map<String, List<String>> requestsPerCall = new LinkedHashMap<>();
  private final List<String> inTheBackground = new ArrayList<>();

  private void call(String verb, Runnable call) {
    int mark = host.neutron.requestsBy(Thread.currentThread()).size();
    call.run();
    requestsPerCall.put(
        verb, List.copyOf(tail(host.neutron.requestsBy(Thread.currentThread()), mark)));
  }

  /** The lifecycle of {@code docker run --rm}; what it cost is in the fields afterwards. */
  private void lifecycle(String endpointId) {
    requestsPerCall.clear();
    inTheBackground.clear();
    int all = host.neutron.requests().size();
    int mine = host.neutron.requestsBy(Thread.currentThread()).size();

    runAndStop(endpointId);
    host.awaitReleases();

    inTheBackground.addAll(tail(host.neutron.requests(), all));
    tail(host.neutron.requestsBy(Thread.currentThread()), mine).forEach(inTheBackground::remove);
  }

  private static List<String> tail(List<String> requests, int from) {
    return requests.subList(from, requests.size());
  }

  private void runAndStop(String endpointId) {
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
                            Optional.empty(),
                            Optional.empty()))
                    .cidr());
    var spec =
        new EndpointSpec(
            networkId,
            endpointId,
            Optional.of(address[0]),
            Optional.empty(),
            Optional.empty(),
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

  private long waitedFor() {
    return requestsPerCall.values().stream().mapToLong(List::size).sum();
  }

  @Test
  void containerLifecycleWithWarmCachesTakesFourNeutronRequestsOfWhichDockerWaitsForThree() {
    lifecycle(dockerId("warm-up"));
    long before = host.neutron.requestCounters().network();

    lifecycle(dockerId("ep1"));

    assertThat(requestsPerCall)
        .containsExactly(
            Map.entry("RequestAddress", List.of("POST ports")),
            Map.entry("CreateEndpoint", List.of("PUT ports/tags")),
            Map.entry("Join", List.of()),
            Map.entry("EndpointOperInfo", List.of()),
            Map.entry("Leave", List.of()),
            Map.entry("DeleteEndpoint", List.of()),
            Map.entry("ReleaseAddress", List.of("PUT ports/tags")));
    assertThat(inTheBackground).containsExactly("DELETE ports");
    assertThat(waitedFor()).isEqualTo(3);
    assertThat(host.neutron.requestCounters().network() - before).isEqualTo(4);
    assertThat(host.neutron.state().userPorts()).isEmpty();
  }

  @Test
  void containerLifecycleRightAfterARestartTakesSevenNeutronRequests() {
    host.restartDaemon();
    long before = host.neutron.requestCounters().network();

    lifecycle(dockerId("ep1"));

    assertThat(requestsPerCall)
        .containsExactly(
            Map.entry("RequestAddress", List.of("GET subnets", "POST ports")),
            Map.entry("CreateEndpoint", List.of("GET networks", "GET subnets", "PUT ports/tags")),
            Map.entry("Join", List.of()),
            Map.entry("EndpointOperInfo", List.of()),
            Map.entry("Leave", List.of()),
            Map.entry("DeleteEndpoint", List.of()),
            Map.entry("ReleaseAddress", List.of("PUT ports/tags")));
    assertThat(inTheBackground).containsExactly("DELETE ports");
    assertThat(host.neutron.requestCounters().network() - before).isEqualTo(7);
  }

  /** CreateEndpoint and DeleteEndpoint where Docker's own IPAM chose the address. */
  private List<String> endpointWithDockersOwnAddress(
      String networkId, String endpointId, String cidr) {
    int mark = host.neutron.requestsBy(Thread.currentThread()).size();
    var spec =
        new EndpointSpec(
            networkId, endpointId, Optional.of(cidr), Optional.empty(), Optional.empty(), Map.of());
    host.services.endpoints().createEndpoint(spec);
    host.services.endpoints().deleteEndpoint(networkId, endpointId);
    return List.copyOf(tail(host.neutron.requestsBy(Thread.currentThread()), mark));
  }

  @Test
  void portForDockersOwnAddressIsCreatedBoundAndOnlyClaimedOnDockersPath() {
    String networkId = dockerId("plain");
    host.services
        .networks()
        .createNetwork(
            new NetworkSpec(
                networkId,
                Map.of(),
                List.of(new NetworkSpec.PoolData("172.19.0.0/16", Optional.of("172.19.0.1/16"))),
                List.of()));

    List<String> requests =
        endpointWithDockersOwnAddress(networkId, dockerId("ep1"), "172.19.0.5/16");

    // Found by its address (none), created bound to this host, claimed; deleted with the endpoint.
    assertThat(requests)
        .containsExactly("GET ports", "POST ports", "PUT ports/tags", "DELETE ports");
  }
}
