package org.openstack.kuryr.mapping;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.openstack.kuryr.neutron.Capabilities;
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
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
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
import org.openstack.kuryr.neutron.transport.Json;

/**
 * An in-memory Neutron for unit tests of the mapping layer: networks, subnets, subnet pools and
 * ports with their tags, the list filters Kuryr uses, address allocation, and the conflicts Neutron
 * raises for resources in use. Other resources are not faked.
 *
 * <p>Resources are kept as attribute maps under their JSON names and converted into the client's
 * records on the way out, as the real client does. Thread-safe (every operation is synchronized on
 * this instance).
 */
final class InMemoryNeutronForHosts implements NeutronClient {
  private final Map<ResourceKind, Table<?, ?>> tables = new EnumMap<>(ResourceKind.class);
  private final AtomicInteger macs = new AtomicInteger();
  private final Table<Network, NetworkRequest> networks = new FakeNetworks();
  private final Table<Subnet, SubnetRequest> subnets = new FakeSubnets();
  private final Table<SubnetPool, SubnetPoolRequest> subnetPools = new FakeSubnetPools();
  private final FakePorts ports = new FakePorts();
  private final FakeTags tags = new FakeTags();

  // ---------------------------------------------------------------- test access

  /** Every network, as Neutron would list it. */
  synchronized List<Network> allNetworks() {
    return networks.list(Query.all());
  }

  /** Every subnet. */
  synchronized List<Subnet> allSubnets() {
    return subnets.list(Query.all());
  }

  /** Every subnet pool. */
  synchronized List<SubnetPool> allSubnetPools() {
    return subnetPools.list(Query.all());
  }

  /** Every port. */
  synchronized List<Port> allPorts() {
    return ports.list(Query.all());
  }

  // ---------------------------------------------------------------- NeutronClient

  @Override
  public UpdatableResources<Network, NetworkRequest> networks() {
    return networks;
  }

  @Override
  public UpdatableResources<Subnet, SubnetRequest> subnets() {
    return subnets;
  }

  @Override
  public UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools() {
    return subnetPools;
  }

  @Override
  public Ports ports() {
    return ports;
  }

  @Override
  public Trunks trunks() {
    throw new UnsupportedOperationException("trunks are not faked");
  }

  @Override
  public UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups() {
    throw new UnsupportedOperationException("security groups are not faked");
  }

  @Override
  public Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules() {
    throw new UnsupportedOperationException("security group rules are not faked");
  }

  @Override
  public Routers routers() {
    throw new UnsupportedOperationException("routers are not faked");
  }

  @Override
  public UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps() {
    throw new UnsupportedOperationException("floating IPs are not faked");
  }

  @Override
  public UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(
      String floatingIpId) {
    throw new UnsupportedOperationException("port forwardings are not faked");
  }

  @Override
  public Tags tags() {
    return tags;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(
        Set.of(Capabilities.TAGS, Capabilities.SUBNET_ALLOCATION, Capabilities.BINDING));
  }

  @Override
  public RequestCounters requestCounters() {
    return new RequestCounters();
  }

  @Override
  public void close() {}

  // ---------------------------------------------------------------- resources

  private static Map<String, Object> attributes(Object... namesAndValues) {
    var row = new LinkedHashMap<String, Object>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }

  private static NeutronException.Conflict conflict(
      String verb, ResourceKind kind, String id, String type, String reason) {
    return new NeutronException.Conflict(
        new NeutronException.Failure(verb, kind.jsonKey(), id, 409, type, reason));
  }

  private static NeutronException.NotFound notFound(String verb, ResourceKind kind, String id) {
    return new NeutronException.NotFound(
        new NeutronException.Failure(verb, kind.jsonKey(), id, 404, null, "not found"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fixedIps(Map<String, Object> port) {
    return (List<Map<String, Object>>) port.getOrDefault("fixed_ips", List.of());
  }

  /** One kind of resource, as attribute maps by ID; subclasses add defaults and Neutron's rules. */
  private abstract class Table<T, R extends ResourceRequest> implements UpdatableResources<T, R> {
    final ResourceKind kind;
    final Class<T> type;
    final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();

    Table(ResourceKind kind, Class<T> type) {
      this.kind = kind;
      this.type = type;
      tables.put(kind, this);
    }

    /** The attributes a new resource has unless the request sets them. */
    abstract Map<String, Object> defaults(Map<String, Object> request);

    /** Checks and completes a new resource before it is stored. */
    void onCreate(String id, Map<String, Object> row) {}

    /** Applies an update. */
    void onUpdate(String id, Map<String, Object> row, Map<String, Object> changes) {
      row.putAll(changes);
    }

    /** Refuses to delete a resource in use, or deletes what goes with it. */
    void onDelete(String id, Map<String, Object> row) {}

    @Override
    public List<T> list(Query query) {
      synchronized (InMemoryNeutronForHosts.this) {
        return rows.values().stream().filter(row -> matches(row, query)).map(this::record).toList();
      }
    }

    @Override
    public T get(String id) {
      synchronized (InMemoryNeutronForHosts.this) {
        return record(require(id, "get"));
      }
    }

    @Override
    public Optional<T> find(String id) {
      synchronized (InMemoryNeutronForHosts.this) {
        return Optional.ofNullable(rows.get(id)).map(this::record);
      }
    }

    @Override
    public T create(R request) {
      synchronized (InMemoryNeutronForHosts.this) {
        Map<String, Object> row = new LinkedHashMap<>(defaults(request.attributes()));
        row.putAll(request.attributes());
        String id = UUID.randomUUID().toString();
        row.put("id", id);
        row.put("tags", new ArrayList<>(request.tags()));
        row.put("revision_number", 1L);
        onCreate(id, row);
        rows.put(id, row);
        return record(row);
      }
    }

    @Override
    public T update(String id, R request) {
      synchronized (InMemoryNeutronForHosts.this) {
        Map<String, Object> row = require(id, "update");
        onUpdate(id, row, request.attributes());
        row.put("revision_number", (Long) row.get("revision_number") + 1);
        return record(row);
      }
    }

    @Override
    public T update(String id, R request, long expectedRevision) {
      synchronized (InMemoryNeutronForHosts.this) {
        if (!Long.valueOf(expectedRevision).equals(require(id, "update").get("revision_number"))) {
          throw new NeutronException.Conflict(
              new NeutronException.Failure(
                  "update", kind.jsonKey(), id, 412, null, "revision number mismatch"));
        }
        return update(id, request);
      }
    }

    @Override
    public boolean delete(String id) {
      synchronized (InMemoryNeutronForHosts.this) {
        Map<String, Object> row = rows.get(id);
        if (row == null) {
          return false;
        }
        onDelete(id, row);
        rows.remove(id);
        return true;
      }
    }

    Map<String, Object> require(String id, String verb) {
      Map<String, Object> row = rows.get(id);
      if (row == null) {
        throw notFound(verb, kind, id);
      }
      return row;
    }

    T record(Map<String, Object> row) {
      return Json.convert(Json.parse(Json.write(row)), type);
    }
  }

  /** Networks: deleting one deletes its subnets and service ports, unless containers use it. */
  private final class FakeNetworks extends Table<Network, NetworkRequest> {
    FakeNetworks() {
      super(ResourceKind.NETWORK, Network.class);
    }

    @Override
    Map<String, Object> defaults(Map<String, Object> request) {
      return attributes(
          "name", "", "status", "ACTIVE", "admin_state_up", true, "mtu", 1442, "shared", false);
    }

    @Override
    void onDelete(String id, Map<String, Object> row) {
      boolean used =
          ports.rows.values().stream()
              .anyMatch(
                  p ->
                      id.equals(p.get("network_id"))
                          && !((String) p.get("device_owner")).startsWith("network:"));
      if (used) {
        throw conflict("delete", kind, id, "NetworkInUse", "there are ports on the network");
      }
      ports.rows.values().removeIf(p -> id.equals(p.get("network_id")));
      subnets.rows.values().removeIf(s -> id.equals(s.get("network_id")));
    }
  }

  /**
   * Subnets: a gateway at the first host unless told otherwise; in use while ports hold addresses.
   */
  private final class FakeSubnets extends Table<Subnet, SubnetRequest> {
    FakeSubnets() {
      super(ResourceKind.SUBNET, Subnet.class);
    }

    @Override
    Map<String, Object> defaults(Map<String, Object> request) {
      networks.require((String) request.get("network_id"), "create a subnet on");
      Cidr cidr = Cidr.parse((String) request.get("cidr"));
      return attributes(
          "name",
          "",
          "enable_dhcp",
          true,
          "ip_version",
          cidr.ipVersion(),
          "gateway_ip",
          Cidr.format(cidr.firstHost()));
    }

    @Override
    void onDelete(String id, Map<String, Object> row) {
      boolean used =
          ports.rows.values().stream()
              .flatMap(p -> fixedIps(p).stream())
              .anyMatch(ip -> id.equals(ip.get("subnet_id")));
      if (used) {
        throw conflict("delete", kind, id, "SubnetInUse", "one or more ports have an IP on it");
      }
    }
  }

  /** Subnet pools: in use while subnets are carved from them. */
  private final class FakeSubnetPools extends Table<SubnetPool, SubnetPoolRequest> {
    FakeSubnetPools() {
      super(ResourceKind.SUBNET_POOL, SubnetPool.class);
    }

    @Override
    Map<String, Object> defaults(Map<String, Object> request) {
      return attributes("name", "", "shared", false, "ip_version", 4);
    }

    @Override
    void onDelete(String id, Map<String, Object> row) {
      if (subnets.rows.values().stream().anyMatch(s -> id.equals(s.get("subnetpool_id")))) {
        throw conflict("delete", kind, id, "SubnetPoolInUse", "subnets are allocated from it");
      }
    }
  }

  private static boolean matches(Map<String, Object> row, Query query) {
    Map<String, List<String>> byKey = new HashMap<>();
    query
        .filters()
        .forEach(f -> byKey.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue()));
    for (var filter : byKey.entrySet()) {
      if (filter.getValue().stream().noneMatch(value -> matches(row, filter.getKey(), value))) {
        return false;
      }
    }
    @SuppressWarnings("unchecked")
    List<String> tags = (List<String>) row.get("tags");
    return tags.containsAll(query.tags())
        && (query.tagsAny().isEmpty() || query.tagsAny().stream().anyMatch(tags::contains))
        && (query.notTags().isEmpty() || !tags.containsAll(query.notTags()))
        && query.notTagsAny().stream().noneMatch(tags::contains);
  }

  private static boolean matches(Map<String, Object> row, String key, String value) {
    if (key.equals("fixed_ips")) {
      String[] parts = value.split("=", 2);
      return fixedIps(row).stream().anyMatch(ip -> sameValue(ip.get(parts[0]), parts[1]));
    }
    return sameValue(row.get(key), value);
  }

  private static boolean sameValue(Object attribute, String value) {
    if (attribute == null) {
      return value.isEmpty();
    }
    return String.valueOf(attribute).equals(value);
  }

  /** Ports, with addresses allocated from their subnets and a binding when a host is set. */
  private final class FakePorts extends Table<Port, PortRequest> implements Ports {
    FakePorts() {
      super(ResourceKind.PORT, Port.class);
    }

    @Override
    Map<String, Object> defaults(Map<String, Object> request) {
      return attributes(
          "name", "",
          "device_owner", "",
          "device_id", "",
          "status", "DOWN",
          "admin_state_up", true,
          "binding:host_id", "",
          "binding:vif_type", "unbound");
    }

    @Override
    public List<Port> create(List<PortRequest> requests) {
      synchronized (InMemoryNeutronForHosts.this) {
        return requests.stream().map(this::create).toList();
      }
    }

    @Override
    void onCreate(String id, Map<String, Object> row) {
      networks.require((String) row.get("network_id"), "create a port on");
      int mac = macs.incrementAndGet();
      row.putIfAbsent("mac_address", String.format("fa:16:3e:00:%02x:%02x", mac / 256, mac % 256));
      row.put("fixed_ips", allocate(id, row, fixedIps(row)));
      bind(row);
    }

    @Override
    void onUpdate(String id, Map<String, Object> row, Map<String, Object> changes) {
      var updated = new LinkedHashMap<>(changes);
      if (changes.containsKey("fixed_ips")) {
        @SuppressWarnings("unchecked")
        var wanted = (List<Map<String, Object>>) changes.get("fixed_ips");
        updated.put("fixed_ips", allocate(id, row, wanted));
      }
      row.putAll(updated);
      bind(row);
    }

    private void bind(Map<String, Object> row) {
      boolean bound = !"".equals(row.get("binding:host_id"));
      row.put("binding:vif_type", bound ? "ovs" : "unbound");
      row.put("binding:vif_details", bound ? Map.of("datapath_type", "netdev") : Map.of());
    }

    private List<Map<String, Object>> allocate(
        String portId, Map<String, Object> row, List<Map<String, Object>> wanted) {
      var result = new ArrayList<Map<String, Object>>();
      for (Map<String, Object> ip : wanted) {
        Map<String, Object> subnet = subnetFor(row, ip);
        String address =
            ip.get("ip_address") != null
                ? (String) ip.get("ip_address")
                : freeAddress(subnet, Cidr.parse((String) subnet.get("cidr")));
        requireFree(portId, (String) subnet.get("id"), address);
        result.add(attributes("subnet_id", subnet.get("id"), "ip_address", address));
      }
      return result;
    }

    private Map<String, Object> subnetFor(Map<String, Object> port, Map<String, Object> ip) {
      if (ip.get("subnet_id") != null) {
        return subnets.require((String) ip.get("subnet_id"), "allocate an address on");
      }
      InetAddress address = Cidr.parseAddress((String) ip.get("ip_address"));
      return subnets.rows.values().stream()
          .filter(s -> s.get("network_id").equals(port.get("network_id")))
          .filter(s -> Cidr.parse((String) s.get("cidr")).contains(address))
          .findFirst()
          .orElseThrow(() -> notFound("allocate", ResourceKind.SUBNET, ip.toString()));
    }

    private void requireFree(String portId, String subnetId, String address) {
      InetAddress wanted = Cidr.parseAddress(address);
      for (var entry : rows.entrySet()) {
        boolean taken =
            !entry.getKey().equals(portId)
                && fixedIps(entry.getValue()).stream()
                    .anyMatch(
                        ip ->
                            subnetId.equals(ip.get("subnet_id"))
                                && Cidr.parseAddress((String) ip.get("ip_address")).equals(wanted));
        if (taken) {
          throw conflict(
              "create",
              ResourceKind.PORT,
              null,
              "IpAddressAlreadyAllocated",
              "IP address " + address + " already allocated in subnet " + subnetId);
        }
      }
    }

    private String freeAddress(Map<String, Object> subnet, Cidr cidr) {
      BigInteger candidate = new BigInteger(1, cidr.firstHost().getAddress());
      String gateway = (String) subnet.get("gateway_ip");
      for (int i = 0; i < 250; i++, candidate = candidate.add(BigInteger.ONE)) {
        String text = Cidr.format(toAddress(candidate, cidr.ipVersion()));
        boolean isGateway =
            gateway != null && Cidr.parseAddress(gateway).equals(Cidr.parseAddress(text));
        if (!isGateway && !addressTaken((String) subnet.get("id"), text)) {
          return text;
        }
      }
      throw conflict(
          "create", ResourceKind.PORT, null, "IpAddressGenerationFailure", "no address left");
    }

    private boolean addressTaken(String subnetId, String address) {
      return rows.values().stream()
          .flatMap(p -> fixedIps(p).stream())
          .anyMatch(
              ip ->
                  subnetId.equals(ip.get("subnet_id"))
                      && Cidr.parseAddress((String) ip.get("ip_address"))
                          .equals(Cidr.parseAddress(address)));
    }
  }

  private static InetAddress toAddress(BigInteger value, int ipVersion) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[ipVersion == 4 ? 4 : 16];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tags of every faked kind. */
  private final class FakeTags implements Tags {
    @Override
    public List<String> list(ResourceKind kind, String id) {
      synchronized (InMemoryNeutronForHosts.this) {
        return List.copyOf(tagsOf(kind, id, "list tags of"));
      }
    }

    @Override
    public void add(ResourceKind kind, String id, String tag) {
      synchronized (InMemoryNeutronForHosts.this) {
        List<String> tags = tagsOf(kind, id, "add tag to");
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
    }

    @Override
    public boolean remove(ResourceKind kind, String id, String tag) {
      synchronized (InMemoryNeutronForHosts.this) {
        Table<?, ?> table = tables.get(kind);
        Map<String, Object> row = table == null ? null : table.rows.get(id);
        return row != null && tagList(row).remove(tag);
      }
    }

    @Override
    public List<String> replace(ResourceKind kind, String id, List<String> tags) {
      synchronized (InMemoryNeutronForHosts.this) {
        List<String> current = tagsOf(kind, id, "replace tags of");
        current.clear();
        current.addAll(tags);
        return List.copyOf(current);
      }
    }

    private List<String> tagsOf(ResourceKind kind, String id, String verb) {
      Table<?, ?> table = tables.get(kind);
      if (table == null) {
        throw new UnsupportedOperationException(kind + " is not faked");
      }
      return tagList(table.require(id, verb));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> tagList(Map<String, Object> row) {
    return (List<String>) row.get("tags");
  }
}
