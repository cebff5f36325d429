package org.openstack.kuryr.libnetwork;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.libnetwork.api.ActivateResponse;
import org.openstack.kuryr.libnetwork.api.AllocateNetworkRequest;
import org.openstack.kuryr.libnetwork.api.AllocateNetworkResponse;
import org.openstack.kuryr.libnetwork.api.CapabilitiesResponse;
import org.openstack.kuryr.libnetwork.api.CreateEndpointRequest;
import org.openstack.kuryr.libnetwork.api.CreateEndpointResponse;
import org.openstack.kuryr.libnetwork.api.CreateNetworkRequest;
import org.openstack.kuryr.libnetwork.api.DiscoveryRequest;
import org.openstack.kuryr.libnetwork.api.EndpointInterface;
import org.openstack.kuryr.libnetwork.api.EndpointOperInfoResponse;
import org.openstack.kuryr.libnetwork.api.EndpointRequest;
import org.openstack.kuryr.libnetwork.api.ExternalConnectivityRequest;
import org.openstack.kuryr.libnetwork.api.IpamData;
import org.openstack.kuryr.libnetwork.api.JoinRequest;
import org.openstack.kuryr.libnetwork.api.JoinResponse;
import org.openstack.kuryr.libnetwork.api.NetworkRequest;
import org.openstack.kuryr.mapping.EndpointCreated;
import org.openstack.kuryr.mapping.EndpointService;
import org.openstack.kuryr.mapping.EndpointSpec;
import org.openstack.kuryr.mapping.ExternalConnectivity;
import org.openstack.kuryr.mapping.JoinInfo;
import org.openstack.kuryr.mapping.NetworkService;
import org.openstack.kuryr.mapping.NetworkSpec;

/**
 * The {@code Plugin} and {@code NetworkDriver} verbs: wire records in, {@link NetworkService} and
 * {@link EndpointService} calls, wire records out.
 */
public final class NetworkDriverCalls {
  private static final String GENERIC_OPTIONS = "com.docker.network.generic";
  private static final Map<String, Object> EMPTY = Map.of();

  private final NetworkService networks;
  private final EndpointService endpoints;
  private final String scope;
  private final String interfacePrefix;

  /**
   * @param scope {@code local} or {@code global}, announced to Docker
   * @param interfacePrefix prefix of the interface name inside containers, e.g. {@code eth}
   */
  public NetworkDriverCalls(
      NetworkService networks, EndpointService endpoints, String scope, String interfacePrefix) {
    this.networks = networks;
    this.endpoints = endpoints;
    this.scope = scope;
    this.interfacePrefix = interfacePrefix;
  }

  Object activate(byte[] body) {
    return ActivateResponse.KURYR;
  }

  Object getCapabilities(byte[] body) {
    return new CapabilitiesResponse(scope, scope);
  }

  Object createNetwork(byte[] body) {
    var request = WireJson.read(body, CreateNetworkRequest.class, "CreateNetwork");
    networks.createNetwork(
        new NetworkSpec(
            request.networkId(),
            WireOptions.strings(request.options().get(GENERIC_OPTIONS)),
            pools(request.ipv4Data()),
            pools(request.ipv6Data())));
    return EMPTY;
  }

  private static List<NetworkSpec.PoolData> pools(List<IpamData> data) {
    return data.stream()
        .map(d -> new NetworkSpec.PoolData(d.pool(), Optional.ofNullable(d.gateway())))
        .toList();
  }

  Object deleteNetwork(byte[] body) {
    networks.deleteNetwork(WireJson.read(body, NetworkRequest.class, "DeleteNetwork").networkId());
    return EMPTY;
  }

  // Swarm managers allocate global-scope networks; the options come back to CreateNetwork on
  // every node, which is where the Neutron network is created or joined.
  Object allocateNetwork(byte[] body) {
    var request = WireJson.read(body, AllocateNetworkRequest.class, "AllocateNetwork");
    return new AllocateNetworkResponse(request.options());
  }

  Object freeNetwork(byte[] body) {
    WireJson.read(body, NetworkRequest.class, "FreeNetwork");
    return EMPTY;
  }

  Object createEndpoint(byte[] body) {
    var request = WireJson.read(body, CreateEndpointRequest.class, "CreateEndpoint");
    EndpointInterface given = request.endpointInterface();
    EndpointCreated created =
        endpoints.createEndpoint(
            new EndpointSpec(
                request.networkId(),
                request.endpointId(),
                nonEmpty(given.address()),
                nonEmpty(given.addressIpv6()),
                nonEmpty(given.macAddress()),
                WireOptions.strings(request.options())));
    // Docker refuses a reply that changes what it chose; report only what it left empty.
    return new CreateEndpointResponse(
        new EndpointInterface(null, null, created.macAddress().orElse(null)));
  }

  private static Optional<String> nonEmpty(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }

  Object endpointOperInfo(byte[] body) {
    var request = WireJson.read(body, EndpointRequest.class, "EndpointOperInfo");
    return new EndpointOperInfoResponse(
        endpoints.operationalInfo(request.networkId(), request.endpointId()));
  }

  Object deleteEndpoint(byte[] body) {
    var request = WireJson.read(body, EndpointRequest.class, "DeleteEndpoint");
    endpoints.deleteEndpoint(request.networkId(), request.endpointId());
    return EMPTY;
  }

  Object join(byte[] body) {
    var request = WireJson.read(body, JoinRequest.class, "Join");
    JoinInfo info = endpoints.join(request.networkId(), request.endpointId(), request.sandboxKey());
    List<JoinResponse.StaticRoute> routes =
        info.routes().stream()
            .map(r -> new JoinResponse.StaticRoute(r.destination(), 0, r.nextHop()))
            .toList();
    // Without a gateway Docker would attach the container to its own docker_gwbridge as well;
    // the Neutron network is the container's only network.
    return new JoinResponse(
        new JoinResponse.InterfaceName(info.interfaceName(), interfacePrefix),
        info.ipv4Gateway().orElse(null),
        info.ipv6Gateway().orElse(null),
        routes.isEmpty() ? null : routes,
        true);
  }

  Object leave(byte[] body) {
    var request = WireJson.read(body, EndpointRequest.class, "Leave");
    endpoints.leave(request.networkId(), request.endpointId());
    return EMPTY;
  }

  Object programExternalConnectivity(byte[] body) {
    var request =
        WireJson.read(body, ExternalConnectivityRequest.class, "ProgramExternalConnectivity");
    Map<String, Object> options = request.options();
    endpoints.programExternalConnectivity(
        new ExternalConnectivity(
            request.networkId(),
            request.endpointId(),
            WireOptions.exposedPorts(options),
            WireOptions.publishedPorts(options)));
    return EMPTY;
  }

  Object revokeExternalConnectivity(byte[] body) {
    var request = WireJson.read(body, EndpointRequest.class, "RevokeExternalConnectivity");
    endpoints.revokeExternalConnectivity(request.networkId(), request.endpointId());
    return EMPTY;
  }

  // Node discovery is Docker's overlay business; Neutron already knows every host.
  Object discoverNew(byte[] body) {
    WireJson.read(body, DiscoveryRequest.class, "DiscoverNew");
    return EMPTY;
  }

  Object discoverDelete(byte[] body) {
    WireJson.read(body, DiscoveryRequest.class, "DiscoverDelete");
    return EMPTY;
  }
}
