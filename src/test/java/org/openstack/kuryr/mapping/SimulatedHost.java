package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.NetworkSpec.PoolData;
import org.openstack.kuryr.neutron.NeutronClient;

/**
 * One Docker host for unit tests: its daemon's mapping services over a shared Neutron, and the
 * calls its Docker engine makes, in Docker 20.10's order. The host wiring only records what was
 * plugged.
 */
final class SimulatedHost {
  final MappingServices services;
  final List<String> plugged = new ArrayList<>();

  /** A Docker network as this host's engine knows it. */
  record DockerNetwork(String id, String poolId, String gateway) {}

  /** A container's endpoint on a Docker network. */
  record Container(DockerNetwork network, String endpointId, String address) {
    /** The address without its prefix length. */
    String ip() {
      return address.substring(0, address.indexOf('/'));
    }
  }

  SimulatedHost(NeutronClient neutron, String hostId) {
    var noDefaultPool = new MappingSettings.DefaultPool("kuryr", false, List.of(), 24);
    var settings =
        new MappingSettings(
            hostId,
            "kuryrPool",
            false,
            noDefaultPool,
            noDefaultPool,
            Duration.ZERO,
            true,
            MappingSettings.PortPool.DISABLED);
    this.services = MappingServices.create(neutron, new RecordingBinder(), settings);
  }

  /** {@code docker network create -d kuryr --ipam-driver kuryr --subnet cidr -o options...}. */
  DockerNetwork createNetwork(String cidr, Map<String, String> options) {
    String id = dockerId();
    PoolAllocation pool = services.ipam().requestPool(new PoolRequest(cidr, "", Map.of(), false));
    String gateway =
        pool.gateway().orElseGet(() -> requestAddress(pool.poolId(), AddressRole.GATEWAY));
    var pools = List.of(new PoolData(pool.cidr(), Optional.of(gateway)));
    services.networks().createNetwork(new NetworkSpec(id, options, pools, List.of()));
    return new DockerNetwork(id, pool.poolId(), gateway);
  }

  /** {@code docker run --net network}: an address from kuryr's IPAM, an endpoint, a join. */
  Container run(DockerNetwork network) {
    return attach(network, requestAddress(network.poolId(), AddressRole.ENDPOINT));
  }

  /**
   * An endpoint with an address kuryr's IPAM did not hand out, as with Docker's own IPAM (kuryr as
   * network driver only).
   */
  Container attach(DockerNetwork network, String address) {
    String endpointId = dockerId();
    var spec =
        new EndpointSpec(
            network.id(),
            endpointId,
            Optional.of(address),
            Optional.empty(),
            Optional.empty(),
            Map.of());
    services.endpoints().createEndpoint(spec);
    services.endpoints().join(network.id(), endpointId, "/var/run/docker/netns/" + endpointId);
    return new Container(network, endpointId, address);
  }

  /** {@code docker rm -f}: the endpoint goes, then its address. */
  void remove(Container container) {
    services.endpoints().leave(container.network().id(), container.endpointId());
    services.endpoints().deleteEndpoint(container.network().id(), container.endpointId());
    services.ipam().releaseAddress(container.network().poolId(), container.ip());
  }

  /** {@code docker network rm}: since Docker 20.10.23 the pool goes before the network. */
  void removeNetwork(DockerNetwork network) {
    String gateway = network.gateway().substring(0, network.gateway().indexOf('/'));
    services.ipam().releaseAddress(network.poolId(), gateway);
    services.ipam().releasePool(network.poolId());
    services.networks().deleteNetwork(network.id());
  }

  String requestAddress(String poolId, AddressRole role) {
    var request =
        new AddressRequest(poolId, Optional.empty(), role, Optional.empty(), Optional.empty());
    return services.ipam().requestAddress(request).cidr();
  }

  private static String dockerId() {
    var id = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      id.append(String.format("%016x", ThreadLocalRandom.current().nextLong()));
    }
    return id.toString();
  }

  /** Wiring that only records which ports were plugged and unplugged. */
  private final class RecordingBinder implements PortBinder {
    @Override
    public PluggedInterface plug(BoundPort port) {
      plugged.add(port.portId());
      return new PluggedInterface(
          hostDeviceName(port.portId()), containerDeviceName(port.portId()), port.macAddress());
    }

    @Override
    public void unplug(BoundPort port) {
      plugged.remove(port.portId());
    }

    @Override
    public DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
      return DataplaneState.READY;
    }

    @Override
    public String containerDeviceName(String portId) {
      return "t_c" + portId.substring(0, 11);
    }

    @Override
    public String hostDeviceName(String portId) {
      return "tap" + portId.substring(0, 11);
    }
  }
}
