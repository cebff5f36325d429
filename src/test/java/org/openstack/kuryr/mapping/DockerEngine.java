package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openstack.kuryr.mapping.AddressRequest.AddressRole;
import org.openstack.kuryr.mapping.NetworkSpec.PoolData;

/**
 * Plays dockerd's part: calls the mapping services in the orders Docker calls the plugin (see
 * Docker's network and IPAM call sequences), including what Docker does when a call fails (it
 * releases what it reserved for the failed operation).
 *
 * <p>Docker reads the IPAM driver's capabilities once per start of its own. Kuryr's IPAM driver
 * does not require a MAC: the engine then sends none with RequestAddress, and gives CreateEndpoint
 * only a MAC the user asked for ({@code --mac-address}). An engine that activated an older Kuryr,
 * which required one, keeps doing so until it restarts: it picks a random MAC for every endpoint
 * the user gave none, and sends it with each RequestAddress of the endpoint and with
 * CreateEndpoint.
 */
final class DockerEngine {
  private static final String SANDBOX = "/var/run/docker/netns/0123456789ab";

  /** The order of {@code docker network rm}. */
  enum RemoveOrder {
    /** Docker 23.0 and later: IPAM releases first, then DeleteNetwork. */
    RELEASE_POOL_FIRST,
    /** Older Docker: DeleteNetwork first, then the IPAM releases. */
    DELETE_NETWORK_FIRST
  }

  // Docker picks a random MAC per endpoint; distinct across engines, as random ones would be.
  private static final AtomicInteger MACS = new AtomicInteger();

  private final MappingServices services;
  private final boolean requiresMacAddress;

  /** An engine that activated this Kuryr: no MAC required. */
  DockerEngine(MappingServices services) {
    this(services, false);
  }

  /**
   * @param requiresMacAddress whether the engine holds {@code RequiresMACAddress: true} from an
   *     older Kuryr's capabilities
   */
  DockerEngine(MappingServices services, boolean requiresMacAddress) {
    this.services = services;
    this.requiresMacAddress = requiresMacAddress;
  }

  /** A pool Docker reserved, with the gateway it got for it ({@code ip/prefix}), if any. */
  record Pool(String poolId, String cidr, Optional<String> gateway) {}

  /** A Docker network as Docker remembers it. */
  record DockerNetwork(String id, List<Pool> pools) {
    Pool pool(boolean ipv6) {
      return pools.stream().filter(p -> p.cidr().contains(":") == ipv6).findFirst().orElseThrow();
    }
  }

  /** A container's endpoint on a network. */
  record Container(
      DockerNetwork network,
      String endpointId,
      List<String> addresses,
      EndpointCreated created,
      JoinInfo join) {

    /** The container's address of one family, without prefix length. */
    String address(boolean ipv6) {
      return addresses.stream()
          .filter(a -> a.contains(":") == ipv6)
          .map(a -> a.substring(0, a.indexOf('/')))
          .findFirst()
          .orElseThrow();
    }
  }

  /** {@code docker network create -d kuryr --ipam-driver kuryr ...}. */
  NetworkCommand network(String dockerNetworkId) {
    return new NetworkCommand(dockerNetworkId);
  }

  /** {@code docker run --net ...} on a network. */
  RunCommand run(DockerNetwork network, String endpointId) {
    return new RunCommand(network, endpointId);
  }

  /** The container stops: Revoke, Leave, DeleteEndpoint, then the address releases. */
  void stop(Container container) {
    String networkId = container.network().id();
    services.endpoints().revokeExternalConnectivity(networkId, container.endpointId());
    services.endpoints().leave(networkId, container.endpointId());
    services.endpoints().deleteEndpoint(networkId, container.endpointId());
    releaseAddresses(container.network(), container.addresses());
  }

  /** {@code docker network rm} in the given order. */
  void remove(DockerNetwork network, RemoveOrder order) {
    if (order == RemoveOrder.DELETE_NETWORK_FIRST) {
      services.networks().deleteNetwork(network.id());
    }
    releasePools(network.pools());
    if (order == RemoveOrder.RELEASE_POOL_FIRST) {
      services.networks().deleteNetwork(network.id());
    }
  }

  private void releasePools(List<Pool> pools) {
    for (Pool pool : pools) {
      pool.gateway()
          .ifPresent(g -> services.ipam().releaseAddress(pool.poolId(), withoutPrefix(g)));
    }
    for (Pool pool : pools) {
      services.ipam().releasePool(pool.poolId());
    }
  }

  private void releaseAddresses(DockerNetwork network, List<String> addresses) {
    for (String address : addresses) {
      Pool pool = network.pool(address.contains(":"));
      services.ipam().releaseAddress(pool.poolId(), withoutPrefix(address));
    }
  }

  private static String withoutPrefix(String cidr) {
    return cidr.substring(0, cidr.indexOf('/'));
  }

  /** The options of {@code docker network create}. */
  final class NetworkCommand {
    private final String id;
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, String> ipamOptions = new HashMap<>();
    private final List<String[]> subnets = new ArrayList<>();
    private boolean ipv6;

    private NetworkCommand(String id) {
      this.id = id;
    }

    /** {@code --subnet} with {@code --ip-range} and {@code --gateway}, either possibly null. */
    NetworkCommand subnet(String cidr, String ipRange, String gateway) {
      subnets.add(new String[] {cidr, ipRange, gateway});
      ipv6 |= cidr.contains(":");
      return this;
    }

    NetworkCommand subnet(String cidr) {
      return subnet(cidr, null, null);
    }

    /** {@code --ipv6} without an IPv6 {@code --subnet}. */
    NetworkCommand ipv6() {
      ipv6 = true;
      return this;
    }

    /** {@code -o key=value}. */
    NetworkCommand option(String key, String value) {
      options.put(key, value);
      return this;
    }

    /** {@code --ipam-opt key=value}. */
    NetworkCommand ipamOption(String key, String value) {
      ipamOptions.put(key, value);
      return this;
    }

    /**
     * RequestPool and a gateway per family, then CreateNetwork; when any fails, Docker releases
     * what it reserved and reports the failure.
     */
    DockerNetwork create() {
      var pools = new ArrayList<Pool>();
      try {
        pools.add(reserve(family(false), false));
        if (ipv6) {
          pools.add(reserve(family(true), true));
        }
        services.networks().createNetwork(spec(pools));
        return new DockerNetwork(id, List.copyOf(pools));
      } catch (RuntimeException e) {
        releasePools(pools);
        throw e;
      }
    }

    private String[] family(boolean v6) {
      return subnets.stream()
          .filter(s -> s[0].contains(":") == v6)
          .findFirst()
          .orElse(new String[] {null, null, null});
    }

    private Pool reserve(String[] subnet, boolean v6) {
      PoolAllocation pool =
          services
              .ipam()
              .requestPool(
                  new PoolRequest(orEmpty(subnet[0]), orEmpty(subnet[1]), ipamOptions, v6));
      try {
        return new Pool(pool.poolId(), pool.cidr(), Optional.of(gateway(pool, subnet[2])));
      } catch (RuntimeException e) {
        services.ipam().releasePool(pool.poolId());
        throw e;
      }
    }

    // Docker asks the IPAM for the gateway unless RequestPool's data named one.
    private String gateway(PoolAllocation pool, String asked) {
      if (asked == null && pool.gateway().isPresent()) {
        return pool.gateway().get();
      }
      var request =
          new AddressRequest(
              pool.poolId(),
              Optional.ofNullable(asked),
              AddressRole.GATEWAY,
              Optional.empty(),
              Optional.empty());
      return services.ipam().requestAddress(request).cidr();
    }

    private NetworkSpec spec(List<Pool> pools) {
      List<PoolData> v4 = new ArrayList<>();
      List<PoolData> v6 = new ArrayList<>();
      for (Pool pool : pools) {
        (pool.cidr().contains(":") ? v6 : v4).add(new PoolData(pool.cidr(), pool.gateway()));
      }
      return new NetworkSpec(id, options, v4, v6);
    }
  }

  /** The options of {@code docker run --net}. */
  final class RunCommand {
    private final DockerNetwork network;
    private final String endpointId;
    private final Map<Boolean, String> addresses = new HashMap<>();
    private Optional<String> userMac = Optional.empty();
    private Optional<String> mac = Optional.empty();

    private RunCommand(DockerNetwork network, String endpointId) {
      this.network = network;
      this.endpointId = endpointId;
    }

    /** {@code --ip} or {@code --ip6}. */
    RunCommand ip(String address) {
      addresses.put(address.contains(":"), address);
      return this;
    }

    /** {@code --mac-address}. */
    RunCommand mac(String address) {
      userMac = Optional.of(address);
      return this;
    }

    /**
     * RequestAddress per family, CreateEndpoint, Join and ProgramExternalConnectivity; what Docker
     * reserved is released again when a step fails.
     */
    Container start() {
      mac = requiresMacAddress ? Optional.of(userMac.orElseGet(DockerEngine::randomMac)) : userMac;
      var reserved = new ArrayList<String>();
      try {
        for (Pool pool : network.pools()) {
          reserved.add(requestAddress(pool));
        }
      } catch (RuntimeException e) {
        releaseAddresses(network, reserved);
        throw e;
      }
      EndpointCreated created;
      try {
        created = services.endpoints().createEndpoint(spec(reserved));
      } catch (RuntimeException e) {
        releaseAddresses(network, reserved);
        throw e;
      }
      return join(reserved, created);
    }

    private Container join(List<String> reserved, EndpointCreated created) {
      try {
        JoinInfo join = services.endpoints().join(network.id(), endpointId, SANDBOX);
        services
            .endpoints()
            .programExternalConnectivity(
                new ExternalConnectivity(network.id(), endpointId, List.of(), List.of()));
        services.endpoints().operationalInfo(network.id(), endpointId);
        return new Container(network, endpointId, List.copyOf(reserved), created, join);
      } catch (RuntimeException e) {
        services.endpoints().deleteEndpoint(network.id(), endpointId);
        releaseAddresses(network, reserved);
        throw e;
      }
    }

    private String requestAddress(Pool pool) {
      boolean v6 = pool.cidr().contains(":");
      var request =
          new AddressRequest(
              pool.poolId(),
              Optional.ofNullable(addresses.get(v6)),
              AddressRole.ENDPOINT,
              requiresMacAddress ? mac : Optional.empty(),
              Optional.empty());
      return services.ipam().requestAddress(request).cidr();
    }

    private EndpointSpec spec(List<String> reserved) {
      Optional<String> v4 = reserved.stream().filter(a -> !a.contains(":")).findFirst();
      Optional<String> v6 = reserved.stream().filter(a -> a.contains(":")).findFirst();
      return new EndpointSpec(network.id(), endpointId, v4, v6, mac, Map.of());
    }
  }

  private static String randomMac() {
    int serial = MACS.incrementAndGet();
    return String.format("02:42:ac:11:%02x:%02x", serial >> 8 & 0xff, serial & 0xff);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
