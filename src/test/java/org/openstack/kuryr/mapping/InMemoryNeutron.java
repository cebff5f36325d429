package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.FloatingIp;
import org.openstack.kuryr.neutron.FloatingIpRequest;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.NetworkRequest;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortForwarding;
import org.openstack.kuryr.neutron.PortForwardingRequest;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Ports;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.RequestCounters;
import org.openstack.kuryr.neutron.RequestEvent;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Resources;
import org.openstack.kuryr.neutron.Routers;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRule;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.Tags;
import org.openstack.kuryr.neutron.Trunks;
import org.openstack.kuryr.neutron.UpdatableResources;

/**
 * Neutron's networks, subnets and ports in memory, as far as the port path of the mapping layer
 * uses them: ports are created (one or in bulk), bound, updated, tagged, listed with filters and
 * deleted as ML2 would, including its refusal to change the MAC of a bound port. Every request is
 * counted like the real client counts it, tags set after a create included.
 *
 * <p>Thread-safe (every method is synchronized on this object).
 */
final class InMemoryNeutron implements NeutronClient {
  final Map<String, Network> networks = new LinkedHashMap<>();
  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, Port> ports = new LinkedHashMap<>();
  private final RequestCounters counters = new RequestCounters();
  private final List<String> requests = new ArrayList<>();
  private final List<Thread> senders = new ArrayList<>();
  private final AtomicInteger nextMac = new AtomicInteger(1);
  private final Map<String, AtomicInteger> nextHost = new LinkedHashMap<>();

  /** Failures to throw on the next requests matching "METHOD resource". */
  private final Map<String, NeutronException> failures = new LinkedHashMap<>();

  /** A network with one IPv4 subnet; returns the subnet. */
  synchronized Subnet addNetwork(String cidr, List<String> tags) {
    String networkId = UUID.randomUUID().toString();
    networks.put(
        networkId,
        new Network(
            networkId, "net", "", "p", "ACTIVE", true, 1442, false, false, "geneve", null, null,
            List.of(), null, true, tags, 1L));
    String subnetId = UUID.randomUUID().toString();
    Subnet subnet =
        new Subnet(
            subnetId,
            "kuryr-subnet-" + cidr,
            "",
            "p",
            networkId,
            4,
            cidr,
            cidr.replaceAll("0/\\d+$", "1"),
            null,
            true,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            1L);
    subnets.put(subnetId, subnet);
    return subnet;
  }

  /**
   * Another subnet on the network of {@code sibling}, e.g. the IPv6 one of a dual-stack network.
   */
  synchronized Subnet addSubnet(Subnet sibling, String cidr, int ipVersion) {
    String subnetId = UUID.randomUUID().toString();
    Subnet subnet =
        new Subnet(
            subnetId,
            "kuryr-subnet-" + cidr,
            "",
            "p",
            sibling.networkId(),
            ipVersion,
            cidr,
            null,
            null,
            true,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            1L);
    subnets.put(subnetId, subnet);
    return subnet;
  }

  /** Adds a port as another daemon or a user left it. */
  synchronized Port addPort(Port port) {
    ports.put(port.id(), port);
    return port;
  }

  /** Makes the next request of this kind fail, e.g. {@code "POST ports"}. */
  synchronized void failNext(String request, NeutronException failure) {
    failures.put(request, failure);
  }

  /** The requests sent so far, as "METHOD resource", in order. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** The requests sent so far by one thread, e.g. the one serving Docker's calls. */
  synchronized List<String> requestsBy(Thread sender) {
    var sent = new ArrayList<String>();
    for (int i = 0; i < requests.size(); i++) {
      if (senders.get(i) == sender) {
        sent.add(requests.get(i));
      }
    }
    return sent;
  }

  synchronized void clearRequests() {
    requests.clear();
    senders.clear();
  }

  /** A port as it is now. */
  synchronized Port port(String id) {
    return ports.get(id);
  }

  synchronized List<Port> portsOn(String networkId) {
    return ports.values().stream().filter(p -> p.networkId().equals(networkId)).toList();
  }

  private void count(String method, String resource) {
    String request = method + " " + resource;
    requests.add(request);
    senders.add(Thread.currentThread());
    counters.requestFinished(
        new RequestEvent("network", method, resource, 200, Duration.ZERO, 1, null));
    NeutronException failure = failures.remove(request);
    if (failure != null) {
      throw failure;
    }
  }

  // ---------------------------------------------------------------- ports

  private final Ports portApi =
      new Ports() {
        @Override
        public List<Port> create(List<PortRequest> requests) {
          synchronized (InMemoryNeutron.this) {
            count("POST", "ports");
            List<Port> created = requests.stream().map(InMemoryNeutron.this::newPort).toList();
            created.forEach(p -> ports.put(p.id(), p));
            for (int i = 0; i < created.size(); i++) {
              if (!requests.get(i).tags().isEmpty()) {
                tagsApi.replace(ResourceKind.PORT, created.get(i).id(), requests.get(i).tags());
              }
            }
            return created.stream().map(p -> ports.get(p.id())).toList();
          }
        }

        @Override
        public Port create(PortRequest request) {
          return create(List.of(request)).getFirst();
        }

        @Override
        public List<Port> list(Query query) {
          synchronized (InMemoryNeutron.this) {
            count("GET", "ports");
            return ports.values().stream().filter(matches(query)).toList();
          }
        }

        @Override
        public Port get(String id) {
          return find(id).orElseThrow(() -> notFound(id));
        }

        @Override
        public Optional<Port> find(String id) {
          synchronized (InMemoryNeutron.this) {
            count("GET", "ports");
            return Optional.ofNullable(ports.get(id));
          }
        }

        @Override
        public boolean delete(String id) {
          synchronized (InMemoryNeutron.this) {
            count("DELETE", "ports");
            return ports.remove(id) != null;
          }
        }

        @Override
        public Port update(String id, PortRequest request) {
          synchronized (InMemoryNeutron.this) {
            count("PUT", "ports");
            Port port = ports.get(id);
            if (port == null) {
              throw notFound(id);
            }
            Port updated = updated(port, request.attributes());
            ports.put(id, updated);
            return updated;
          }
        }

        @Override
        public Port update(String id, PortRequest request, long expectedRevision) {
          return update(id, request);
        }
      };

  private Port newPort(PortRequest request) {
    Map<String, Object> a = request.attributes();
    String networkId = (String) a.get("network_id");
    String id = UUID.randomUUID().toString();
    String mac =
        (String)
            a.getOrDefault(
                "mac_address", String.format("fa:16:3e:00:00:%02x", nextMac.getAndIncrement()));
    Port port =
        new Port(
            id,
            (String) a.getOrDefault("name", ""),
            "",
            networkId,
            "p",
            mac,
            fixedIps(a.get("fixed_ips")),
            (String) a.getOrDefault("device_owner", ""),
            (String) a.getOrDefault("device_id", ""),
            "DOWN",
            (Boolean) a.getOrDefault("admin_state_up", true),
            "",
            "unbound",
            Map.of(),
            "normal",
            Map.of(),
            List.of(),
            List.of(),
            "",
            List.of(),
            true,
            List.of(),
            1L,
            null);
    return updated(port, Map.of("binding:host_id", a.getOrDefault("binding:host_id", "")));
  }

  private List<FixedIp> fixedIps(Object wanted) {
    return fixedIps(wanted, null);
  }

  @SuppressWarnings("unchecked")
  private List<FixedIp> fixedIps(Object wanted, String portId) {
    var fixedIps = new ArrayList<FixedIp>();
    for (Map<String, Object> ip : (List<Map<String, Object>>) wanted) {
      String subnetId = (String) ip.get("subnet_id");
      String address = (String) ip.get("ip_address");
      if (address != null && addressTaken(subnetId, address, portId)) {
        throw failure(409, "IpAddressAlreadyAllocated", "create", subnetId, "address taken");
      }
      fixedIps.add(FixedIp.of(subnetId, address != null ? address : nextAddress(subnetId)));
    }
    return fixedIps;
  }

  private boolean addressTaken(String subnetId, String address, String exceptPortId) {
    return ports.values().stream()
        .filter(p -> !p.id().equals(exceptPortId))
        .flatMap(p -> p.fixedIps().stream())
        .anyMatch(ip -> ip.subnetId().equals(subnetId) && ip.ipAddress().equals(address));
  }

  private String nextAddress(String subnetId) {
    Cidr cidr = Cidr.parse(subnets.get(subnetId).cidr());
    AtomicInteger host = nextHost.computeIfAbsent(subnetId, id -> new AtomicInteger(10));
    while (true) {
      String address = cidr.withPrefix(nth(cidr, host.getAndIncrement())).split("/")[0];
      if (!addressTaken(subnetId, address, null)) {
        return address;
      }
    }
  }

  private static InetAddress nth(Cidr cidr, int n) {
    byte[] bytes = cidr.firstHost().getAddress();
    bytes[bytes.length - 1] = (byte) n;
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private Port updated(Port port, Map<String, Object> changes) {
    String host = (String) changes.getOrDefault("binding:host_id", port.bindingHostId());
    String mac = (String) changes.getOrDefault("mac_address", port.macAddress());
    boolean bound = !"unbound".equals(port.bindingVifType()) && !port.bindingHostId().isEmpty();
    if (!mac.equals(port.macAddress()) && bound && changes.get("binding:host_id") == null) {
      throw failure(409, "PortBound", "update", port.id(), "port is already bound");
    }
    List<FixedIp> fixedIps =
        changes.containsKey("fixed_ips")
            ? fixedIps(changes.get("fixed_ips"), port.id())
            : port.fixedIps();
    return new Port(
        port.id(),
        (String) changes.getOrDefault("name", port.name()),
        port.description(),
        port.networkId(),
        port.projectId(),
        mac,
        fixedIps,
        (String) changes.getOrDefault("device_owner", port.deviceOwner()),
        (String) changes.getOrDefault("device_id", port.deviceId()),
        port.status(),
        (Boolean) changes.getOrDefault("admin_state_up", port.adminStateUp()),
        host,
        host.isEmpty() ? "unbound" : "ovs",
        host.isEmpty() ? Map.of() : Map.of("port_filter", true),
        port.bindingVnicType(),
        port.bindingProfile(),
        port.allowedAddressPairs(),
        port.securityGroups(),
        (String) changes.getOrDefault("dns_name", port.dnsName()),
        port.dnsAssignment(),
        port.portSecurityEnabled(),
        port.tags(),
        port.revisionNumber() + 1,
        port.trunkDetails());
  }

  private static Port withTags(Port port, List<String> tags) {
    return new Port(
        port.id(),
        port.name(),
        port.description(),
        port.networkId(),
        port.projectId(),
        port.macAddress(),
        port.fixedIps(),
        port.deviceOwner(),
        port.deviceId(),
        port.status(),
        port.adminStateUp(),
        port.bindingHostId(),
        port.bindingVifType(),
        port.bindingVifDetails(),
        port.bindingVnicType(),
        port.bindingProfile(),
        port.allowedAddressPairs(),
        port.securityGroups(),
        port.dnsName(),
        port.dnsAssignment(),
        port.portSecurityEnabled(),
        List.copyOf(new LinkedHashSet<>(tags)),
        port.revisionNumber() + 1,
        port.trunkDetails());
  }

  private static Predicate<Port> matches(Query query) {
    return port -> {
      for (Map.Entry<String, String> filter : query.filters()) {
        if (!attribute(port, filter.getKey(), filter.getValue())) {
          return false;
        }
      }
      return port.tags().containsAll(query.tags())
          && (query.tagsAny().isEmpty()
              || query.tagsAny().stream().anyMatch(port.tags()::contains));
    };
  }

  private static boolean attribute(Port port, String key, String value) {
    return switch (key) {
      case "id" -> port.id().equals(value);
      case "network_id" -> port.networkId().equals(value);
      case "device_id" -> port.deviceId().equals(value);
      case "device_owner" -> port.deviceOwner().equals(value);
      case "name" -> port.name().equals(value);
      case "binding:host_id" -> port.bindingHostId().equals(value);
      case "fixed_ips" ->
          port.fixedIps().stream().anyMatch(ip -> value.equals("ip_address=" + ip.ipAddress()));
      default -> throw new IllegalArgumentException("the fake cannot filter ports by " + key);
    };
  }

  private static NeutronException notFound(String id) {
    return failure(404, "NotFound", "find", id, "not found");
  }

  /** A failure as the real client reports it, e.g. {@code failure(409, "PortBound", ...)}. */
  static NeutronException failure(int status, String type, String verb, String id, String reason) {
    return NeutronException.fromResponse(
        new NeutronException.Failure(verb, "resource", id, status, type, reason));
  }

  // ---------------------------------------------------------------- tags

  private final Tags tagsApi =
      new Tags() {
        @Override
        public List<String> list(ResourceKind kind, String id) {
          synchronized (InMemoryNeutron.this) {
            count("GET", "ports/tags");
            return requirePort(kind, id).tags();
          }
        }

        @Override
        public void add(ResourceKind kind, String id, String tag) {
          synchronized (InMemoryNeutron.this) {
            count("PUT", "ports/tags");
            Port port = requirePort(kind, id);
            var tags = new ArrayList<>(port.tags());
            tags.add(tag);
            ports.put(id, withTags(port, tags));
          }
        }

        @Override
        public boolean remove(ResourceKind kind, String id, String tag) {
          synchronized (InMemoryNeutron.this) {
            count("DELETE", "ports/tags");
            Port port = ports.get(id);
            if (port == null || !port.tags().contains(tag)) {
              return false;
            }
            var tags = new ArrayList<>(port.tags());
            tags.remove(tag);
            ports.put(id, withTags(port, tags));
            return true;
          }
        }

        @Override
        public List<String> replace(ResourceKind kind, String id, List<String> tags) {
          synchronized (InMemoryNeutron.this) {
            count("PUT", "ports/tags");
            Port port = requirePort(kind, id);
            ports.put(id, withTags(port, tags));
            return ports.get(id).tags();
          }
        }

        private Port requirePort(ResourceKind kind, String id) {
          if (kind != ResourceKind.PORT) {
            throw new IllegalArgumentException("the fake tags ports only");
          }
          Port port = ports.get(id);
          if (port == null) {
            throw notFound(id);
          }
          return port;
        }
      };

  // ---------------------------------------------------------------- networks and subnets

  private final UpdatableResources<Network, NetworkRequest> networkApi =
      new ReadOnly<>("networks", () -> networks.values()) {
        @Override
        boolean matches(Network network, String key, String value) {
          return switch (key) {
            case "id" -> network.id().equals(value);
            default -> throw new IllegalArgumentException("cannot filter networks by " + key);
          };
        }

        @Override
        List<String> tags(Network network) {
          return network.tags();
        }

        @Override
        String id(Network network) {
          return network.id();
        }
      };

  private final UpdatableResources<Subnet, SubnetRequest> subnetApi =
      new ReadOnly<>("subnets", () -> subnets.values()) {
        @Override
        boolean matches(Subnet subnet, String key, String value) {
          return switch (key) {
            case "id" -> subnet.id().equals(value);
            case "network_id" -> subnet.networkId().equals(value);
            case "cidr" -> subnet.cidr().equals(value);
            case "subnetpool_id" -> Objects.equals(subnet.subnetpoolId(), value);
            default -> throw new IllegalArgumentException("cannot filter subnets by " + key);
          };
        }

        @Override
        List<String> tags(Subnet subnet) {
          return subnet.tags();
        }

        @Override
        String id(Subnet subnet) {
          return subnet.id();
        }
      };

  /** Listing and reading only; filters combine like Neutron's (same key: any value). */
  private abstract class ReadOnly<T, R extends org.openstack.kuryr.neutron.ResourceRequest>
      implements UpdatableResources<T, R> {
    private final String collection;
    private final java.util.function.Supplier<Collection<T>> all;

    ReadOnly(String collection, java.util.function.Supplier<Collection<T>> all) {
      this.collection = collection;
      this.all = all;
    }

    abstract boolean matches(T resource, String key, String value);

    abstract List<String> tags(T resource);

    abstract String id(T resource);

    @Override
    public List<T> list(Query query) {
      synchronized (InMemoryNeutron.this) {
        count("GET", collection);
        return all.get().stream()
            .filter(r -> tags(r).containsAll(query.tags()))
            .filter(r -> filtersMatch(r, query))
            .toList();
      }
    }

    private boolean filtersMatch(T resource, Query query) {
      Set<String> keys = new HashSet<>();
      query.filters().forEach(f -> keys.add(f.getKey()));
      return keys.stream()
          .allMatch(
              key ->
                  query.filters().stream()
                      .filter(f -> f.getKey().equals(key))
                      .anyMatch(f -> matches(resource, key, f.getValue())));
    }

    @Override
    public T get(String id) {
      return find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public Optional<T> find(String id) {
      synchronized (InMemoryNeutron.this) {
        count("GET", collection);
        return all.get().stream().filter(r -> id(r).equals(id)).findFirst();
      }
    }

    @Override
    public T create(R request) {
      throw new UnsupportedOperationException(collection + " are set up by the test");
    }

    @Override
    public boolean delete(String id) {
      throw new UnsupportedOperationException(collection + " are set up by the test");
    }

    @Override
    public T update(String id, R request) {
      throw new UnsupportedOperationException(collection + " are set up by the test");
    }

    @Override
    public T update(String id, R request, long expectedRevision) {
      throw new UnsupportedOperationException(collection + " are set up by the test");
    }
  }

  // ---------------------------------------------------------------- the client

  @Override
  public UpdatableResources<Network, NetworkRequest> networks() {
    return networkApi;
  }

  @Override
  public UpdatableResources<Subnet, SubnetRequest> subnets() {
    return subnetApi;
  }

  @Override
  public UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Ports ports() {
    return portApi;
  }

  @Override
  public Trunks trunks() {
    throw new UnsupportedOperationException();
  }

  @Override
  public UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Routers routers() {
    throw new UnsupportedOperationException();
  }

  @Override
  public UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps() {
    throw new UnsupportedOperationException();
  }

  @Override
  public UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(
      String floatingIpId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Tags tags() {
    return tagsApi;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(Set.of(Capabilities.TAGS, Capabilities.BINDING));
  }

  @Override
  public RequestCounters requestCounters() {
    return counters;
  }

  @Override
  public void close() {}
}
