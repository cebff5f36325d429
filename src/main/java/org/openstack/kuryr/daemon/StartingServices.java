package org.openstack.kuryr.daemon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openstack.kuryr.error.UnavailableException;
import org.openstack.kuryr.mapping.AddressAllocation;
import org.openstack.kuryr.mapping.AddressRequest;
import org.openstack.kuryr.mapping.EndpointCreated;
import org.openstack.kuryr.mapping.EndpointService;
import org.openstack.kuryr.mapping.EndpointSpec;
import org.openstack.kuryr.mapping.ExternalConnectivity;
import org.openstack.kuryr.mapping.IpamService;
import org.openstack.kuryr.mapping.JoinInfo;
import org.openstack.kuryr.mapping.MappingServices;
import org.openstack.kuryr.mapping.NetworkService;
import org.openstack.kuryr.mapping.NetworkSpec;
import org.openstack.kuryr.mapping.PoolAllocation;
import org.openstack.kuryr.mapping.PoolRequest;

/**
 * The mapping services while they are being wired: the plugin server starts first, so that Docker's
 * activation is answered at once, and the calls that need Neutron or the host wait here until the
 * services are ready (asking the host and building the Neutron client take a while at start).
 *
 * <p>Thread-safe.
 */
final class StartingServices implements NetworkService, EndpointService, IpamService {
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final CompletableFuture<MappingServices> services = new CompletableFuture<>();

  /** The services are wired: calls go to them from now on. */
  void ready(MappingServices wired) {
    services.complete(wired);
  }

  /** Wiring failed: calls fail with its cause. */
  void failed(Throwable cause) {
    services.completeExceptionally(cause);
  }

  private MappingServices services() {
    try {
      return services.get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new UnavailableException("kuryr failed to start: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new UnavailableException(
          "kuryr is still starting after " + LONGEST_WAIT.toSeconds() + " s; try again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while kuryr starts", e);
    }
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    services().networks().createNetwork(spec);
  }

  @Override
  public void deleteNetwork(String dockerNetworkId) {
    services().networks().deleteNetwork(dockerNetworkId);
  }

  @Override
  public EndpointCreated createEndpoint(EndpointSpec spec) {
    return services().endpoints().createEndpoint(spec);
  }

  @Override
  public void deleteEndpoint(String dockerNetworkId, String endpointId) {
    services().endpoints().deleteEndpoint(dockerNetworkId, endpointId);
  }

  @Override
  public JoinInfo join(String dockerNetworkId, String endpointId, String sandboxKey) {
    return services().endpoints().join(dockerNetworkId, endpointId, sandboxKey);
  }

  @Override
  public void leave(String dockerNetworkId, String endpointId) {
    services().endpoints().leave(dockerNetworkId, endpointId);
  }

  @Override
  public Map<String, Object> operationalInfo(String dockerNetworkId, String endpointId) {
    return services().endpoints().operationalInfo(dockerNetworkId, endpointId);
  }

  @Override
  public void programExternalConnectivity(ExternalConnectivity connectivity) {
    services().endpoints().programExternalConnectivity(connectivity);
  }

  @Override
  public void revokeExternalConnectivity(String dockerNetworkId, String endpointId) {
    services().endpoints().revokeExternalConnectivity(dockerNetworkId, endpointId);
  }

  @Override
  public PoolAllocation requestPool(PoolRequest request) {
    return services().ipam().requestPool(request);
  }

  @Override
  public void releasePool(String poolId) {
    services().ipam().releasePool(poolId);
  }

  @Override
  public AddressAllocation requestAddress(AddressRequest request) {
    return services().ipam().requestAddress(request);
  }

  @Override
  public void releaseAddress(String poolId, String address) {
    services().ipam().releaseAddress(poolId, address);
  }
}
