package org.openstack.kuryr.libnetwork;

import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.libnetwork.api.AddressSpacesResponse;
import org.openstack.kuryr.libnetwork.api.IpamCapabilitiesResponse;
import org.openstack.kuryr.libnetwork.api.ReleaseAddressRequest;
import org.openstack.kuryr.libnetwork.api.ReleasePoolRequest;
import org.openstack.kuryr.libnetwork.api.RequestAddressRequest;
import org.openstack.kuryr.libnetwork.api.RequestAddressResponse;
import org.openstack.kuryr.libnetwork.api.RequestPoolRequest;
import org.openstack.kuryr.libnetwork.api.RequestPoolResponse;
import org.openstack.kuryr.mapping.AddressRequest;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.IpamService;
import org.openstack.kuryr.mapping.PoolAllocation;
import org.openstack.kuryr.mapping.PoolRequest;

/** The {@code IpamDriver} verbs: wire records in, {@link IpamService} calls, wire records out. */
public final class IpamDriverCalls {
  private static final String REQUEST_ADDRESS_TYPE = "RequestAddressType";
  private static final String GATEWAY_TYPE = "com.docker.network.gateway";
  private static final String MAC_OPTION = "com.docker.network.endpoint.macaddress";
  private static final String NAME_OPTION = "com.docker.network.endpoint.name";
  private static final Map<String, Object> EMPTY = Map.of();

  private final IpamService ipam;
  private final String addressSpace;

  /**
   * @param ipam the service doing the work
   * @param addressSpace announced as both the local and the global default address space
   */
  public IpamDriverCalls(IpamService ipam, String addressSpace) {
    this.ipam = ipam;
    this.addressSpace = addressSpace;
  }

  // No MAC required: the container takes its Neutron port's MAC from CreateEndpoint's reply.
  // Were Docker to choose it, a port could only take it through a Neutron update, and a bound
  // port, such as one created ahead of time, cannot change its MAC at all.
  Object getCapabilities(byte[] body) {
    return new IpamCapabilitiesResponse(false, false);
  }

  // Both spaces are the same: Docker keeps asking for another pool when a global-scope request
  // returns one that overlaps a host route, unless the space is the global default.
  Object getDefaultAddressSpaces(byte[] body) {
    return new AddressSpacesResponse(addressSpace, addressSpace);
  }

  Object requestPool(byte[] body) {
    var request = WireJson.read(body, RequestPoolRequest.class, "RequestPool");
    PoolAllocation pool =
        ipam.requestPool(
            new PoolRequest(request.pool(), request.subPool(), request.options(), request.v6()));
    Map<String, String> data =
        pool.gateway().map(gateway -> Map.of(GATEWAY_TYPE, gateway)).orElse(Map.of());
    return new RequestPoolResponse(pool.poolId(), pool.cidr(), data);
  }

  Object releasePool(byte[] body) {
    var request = WireJson.read(body, ReleasePoolRequest.class, "ReleasePool");
    ipam.releasePool(request.poolId());
    return EMPTY;
  }

  Object requestAddress(byte[] body) {
    var request = WireJson.read(body, RequestAddressRequest.class, "RequestAddress");
    Map<String, String> options = request.options() == null ? Map.of() : request.options();
    var address =
        new AddressRequest(
            request.poolId(),
            Optional.of(request.address()).filter(a -> !a.isEmpty()),
            role(request.options(), request.address()),
            Optional.ofNullable(options.get(MAC_OPTION)).filter(m -> !m.isEmpty()),
            Optional.ofNullable(options.get(NAME_OPTION)).filter(n -> !n.isEmpty()));
    return new RequestAddressResponse(ipam.requestAddress(address).cidr(), Map.of());
  }

  // Docker sends no options at all (JSON null) with an --aux-address, asked while the network is
  // being created. An endpoint's request may name no address, and carries options only when the
  // IPAM driver requires a MAC or, from Docker 29, its name: a container's --ip on an older engine
  // looks like an auxiliary address, and the IPAM tells them apart by whether the network exists.
  private static AddressRole role(Map<String, String> options, String address) {
    if (options != null && GATEWAY_TYPE.equals(options.get(REQUEST_ADDRESS_TYPE))) {
      return AddressRole.GATEWAY;
    }
    boolean unlabelled = options == null && !address.isEmpty();
    return unlabelled ? AddressRole.AUXILIARY_OR_ENDPOINT : AddressRole.ENDPOINT;
  }

  Object releaseAddress(byte[] body) {
    var request = WireJson.read(body, ReleaseAddressRequest.class, "ReleaseAddress");
    ipam.releaseAddress(request.poolId(), request.address());
    return EMPTY;
  }
}
