package org.openstack.kuryr.mapping;

import java.util.Map;

/**
 * Container endpoints as Neutron ports wired into the host. Thread-safe; deletes and leaves are
 * idempotent, and unknown endpoints are treated as already gone (Docker cleans up stale endpoints
 * at start and must not be blocked by them).
 */
public interface EndpointService {
  /** Binds the endpoint's port to this host and creates its host interface. */
  EndpointCreated createEndpoint(EndpointSpec spec);

  /** Removes the host interface and unbinds the port. */
  void deleteEndpoint(String dockerNetworkId, String endpointId);

  /** What Docker needs to move the interface into the container and route it. */
  JoinInfo join(String dockerNetworkId, String endpointId, String sandboxKey);

  /** The container leaves the network. */
  void leave(String dockerNetworkId, String endpointId);

  /** Details shown by {@code docker inspect}. */
  Map<String, Object> operationalInfo(String dockerNetworkId, String endpointId);

  /** Opens the container's exposed and published ports. */
  void programExternalConnectivity(ExternalConnectivity connectivity);

  /** Closes what {@link #programExternalConnectivity} opened. */
  void revokeExternalConnectivity(String dockerNetworkId, String endpointId);
}
