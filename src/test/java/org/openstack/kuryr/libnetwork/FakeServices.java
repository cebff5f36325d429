package org.openstack.kuryr.libnetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openstack.kuryr.mapping.AddressAllocation;
import org.openstack.kuryr.mapping.AddressRequest;
import org.openstack.kuryr.mapping.EndpointCreated;
import org.openstack.kuryr.mapping.EndpointService;
import org.openstack.kuryr.mapping.EndpointSpec;
import org.openstack.kuryr.mapping.ExternalConnectivity;
import org.openstack.kuryr.mapping.IpamService;
import org.openstack.kuryr.mapping.JoinInfo;
import org.openstack.kuryr.mapping.NetworkService;
import org.openstack.kuryr.mapping.NetworkSpec;
import org.openstack.kuryr.mapping.PoolAllocation;
import org.openstack.kuryr.mapping.PoolRequest;

/** Mapping services that record what they are asked and answer canned values. */
final class FakeServices implements NetworkService, EndpointService, IpamService {
  final List<Object> calls = new ArrayList<>();
  Supplier<RuntimeException> failure;
  JoinInfo joinInfo =
      new JoinInfo("t_c0123456789", Optional.of("10.0.0.1"), Optional.empty(), List.of());

  private void record(Object call) {
    calls.add(call);
    if (failure != null) {
      throw failure.get();
    }
  }

  @Override
  public void createNetwork(NetworkSpec spec) {
    record(spec);
  }

  @Override
  public void deleteNetwork(String dockerNetworkId) {
    record("deleteNetwork " + dockerNetworkId);
  }

  @Override
  public EndpointCreated createEndpoint(EndpointSpec spec) {
    record(spec);
    return new EndpointCreated(
        spec.macAddress().isPresent() ? Optional.empty() : Optional.of("fa:16:3e:00:00:01"));
  }

  @Override
  public void deleteEndpoint(String dockerNetworkId, String endpointId) {
    record("deleteEndpoint " + endpointId);
  }

  @Override
  public JoinInfo join(String dockerNetworkId, String endpointId, String sandboxKey) {
    record("join " + endpointId + " " + sandboxKey);
    return joinInfo;
  }

  @Override
  public void leave(String dockerNetworkId, String endpointId) {
    record("leave " + endpointId);
  }

  @Override
  public Map<String, Object> operationalInfo(String dockerNetworkId, String endpointId) {
    record("operInfo " + endpointId);
    return Map.of("status", "ACTIVE");
  }

  @Override
  public void programExternalConnectivity(ExternalConnectivity connectivity) {
    record(connectivity);
  }

  @Override
  public void revokeExternalConnectivity(String dockerNetworkId, String endpointId) {
    record("revoke " + endpointId);
  }

  @Override
  public PoolAllocation requestPool(PoolRequest request) {
    record(request);
    return new PoolAllocation("pool-1", "10.0.0.0/24", Optional.of("10.0.0.1/24"));
  }

  @Override
  public void releasePool(String poolId) {
    record("releasePool " + poolId);
  }

  @Override
  public AddressAllocation requestAddress(AddressRequest request) {
    record(request);
    return new AddressAllocation("10.0.0.5/24");
  }

  @Override
  public void releaseAddress(String poolId, String address) {
    record("releaseAddress " + poolId + " " + address);
  }
}
