package org.openstack.kuryr.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
import org.openstack.kuryr.neutron.Router;
import org.openstack.kuryr.neutron.RouterInterface;
import org.openstack.kuryr.neutron.RouterInterfaceRequest;
import org.openstack.kuryr.neutron.RouterRequest;
import org.openstack.kuryr.neutron.Routers;
import org.openstack.kuryr.neutron.SecurityGroup;
import org.openstack.kuryr.neutron.SecurityGroupRequest;
import org.openstack.kuryr.neutron.SecurityGroupRule;
import org.openstack.kuryr.neutron.SecurityGroupRuleRequest;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.SubnetPoolRequest;
import org.openstack.kuryr.neutron.SubnetRequest;
import org.openstack.kuryr.neutron.Tags;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.TrunkRequest;
import org.openstack.kuryr.neutron.Trunks;
import org.openstack.kuryr.neutron.UpdatableResources;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Neutron in memory, for unit tests of the mapping layer: resources are kept as attribute maps the
 * way Neutron's API shows them, filtered by {@link Query} as Neutron filters, and turned into the
 * client's records. It behaves like Neutron where Kuryr relies on it: new security groups come with
 * two egress rules, a floating IP that forwards ports cannot be deleted, colliding forwardings are
 * refused, router interfaces are ports. Every request is recorded, and the next request of a kind
 * can be made to fail. Thread-safe (coarsely).
 */
final class FakeNeutron implements NeutronClient {
  static final String PROJECT = "project-of-kuryr";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Map<ResourceKind, Map<String, Map<String, Object>>> tables = new HashMap<>();
  private final Map<String, Map<String, Map<String, Object>>> forwardingTables = new HashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Deque<NeutronException>> failures = new HashMap<>();
  private final Set<String> extensions =
      new LinkedHashSet<>(
          List.of(
              Capabilities.TAGS,
              Capabilities.DNS_INTEGRATION,
              Capabilities.PORT_FORWARDING,
              Capabilities.PORT_FORWARDING_PORT_RANGES,
              Capabilities.ROUTER,
              Capabilities.SECURITY_GROUP));
  private final AtomicInteger addresses = new AtomicInteger(10);

  // ------------------------------------------------------------------ test controls

  /** Every request so far, as {@code "<METHOD> <collection>"}, e.g. {@code POST floatingips}. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the requests recorded so far. */
  void clearRequests() {
    requests.clear();
  }

  /** Makes the next request {@code "<METHOD> <collection>"} fail with this exception. */
  synchronized void failNext(String request, NeutronException failure) {
    failures.computeIfAbsent(request, r -> new ArrayDeque<>()).add(failure);
  }

  /** Removes an extension, as an older Neutron would lack it. */
  synchronized void withoutExtension(String alias) {
    extensions.remove(alias);
  }

  /** The raw rows of a kind of resource. */
  synchronized List<Map<String, Object>> rows(ResourceKind kind) {
    return List.copyOf(table(kind).values());
  }

  static NeutronException.Conflict conflict(String reason) {
    return new NeutronException.Conflict(failure("change", "resource", 409, reason));
  }

  static NeutronException.BadRequest badRequest(String reason) {
    return new NeutronException.BadRequest(failure("change", "resource", 400, reason));
  }

  static NeutronException.Unavailable unavailable() {
    return new NeutronException.Unavailable(
        failure("reach", "Neutron", 0, "connection refused"), false, null);
  }

  private static NeutronException.Failure failure(
      String verb, String resource, int status, String reason) {
    return new NeutronException.Failure(verb, resource, null, status, null, reason);
  }

  // ------------------------------------------------------------------ fixtures

  /** An external network with a subnet, and a router with its gateway there. */
  record Outside(String externalNetworkId, String routerId) {}

  Outside outside() {
    String external = put(ResourceKind.NETWORK, Map.of("name", "public", "router:external", true));
    String router =
        put(
            ResourceKind.ROUTER,
            Map.of("name", "gateway", "external_gateway_info", Map.of("network_id", external)));
    return new Outside(external, router);
  }

  /** A tenant network with one IPv4 subnet. */
  record Tenant(String networkId, String subnetId) {}

  Tenant tenant(String cidr, String gateway) {
    String network = put(ResourceKind.NETWORK, Map.of("name", "tenant"));
    String subnet =
        put(
            ResourceKind.SUBNET,
            Map.of("network_id", network, "cidr", cidr, "gateway_ip", gateway, "ip_version", 4));
    return new Tenant(network, subnet);
  }

  /** A container port on the subnet, bound, with the project's default group. */
  Port containerPort(Tenant tenant, String endpointId, String address) {
    String id =
        put(
            ResourceKind.PORT,
            Map.of(
                "network_id",
                tenant.networkId(),
                "device_owner",
                KuryrTags.DEVICE_OWNER,
                "device_id",
                endpointId,
                "fixed_ips",
                List.of(Map.of("subnet_id", tenant.subnetId(), "ip_address", address)),
                "security_groups",
                List.of(defaultGroup()),
                "port_security_enabled",
                true));
    return ports().get(id);
  }

  /** The project's group named {@code default}, created on first use. */
  synchronized String defaultGroup() {
    return table(ResourceKind.SECURITY_GROUP).values().stream()
        .filter(g -> "default".equals(g.get("name")))
        .map(g -> (String) g.get("id"))
        .findFirst()
        .orElseGet(() -> securityGroup("default"));
  }

  /** A security group of the project, with Neutron's two egress rules. */
  String securityGroup(String name) {
    return securityGroups().create(SecurityGroupRequest.builder().name(name).build()).id();
  }

  /** Attaches a router to a subnet. */
  void attach(String routerId, String subnetId) {
    routers().addInterface(routerId, RouterInterfaceRequest.subnet(subnetId));
  }

  /** Adds a resource as it would be in Neutron, without recording a request. */
  synchronized String put(ResourceKind kind, Map<String, Object> attributes) {
    var row = new LinkedHashMap<String, Object>(attributes);
    String id = (String) row.computeIfAbsent("id", k -> UUID.randomUUID().toString());
    row.putIfAbsent("project_id", PROJECT);
    row.putIfAbsent("tags", new ArrayList<String>());
    row.putIfAbsent("revision_number", 1L);
    table(kind).put(id, row);
    return id;
  }

  // ------------------------------------------------------------------ NeutronClient

  @Override
  public UpdatableResources<Network, NetworkRequest> networks() {
    return new Collection<>(ResourceKind.NETWORK, Network.class);
  }

  @Override
  public UpdatableResources<Subnet, SubnetRequest> subnets() {
    return new Collection<>(ResourceKind.SUBNET, Subnet.class);
  }

  @Override
  public UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools() {
    return new Collection<>(ResourceKind.SUBNET_POOL, SubnetPool.class);
  }

  @Override
  public Ports ports() {
    return new PortCollection();
  }

  @Override
  public Trunks trunks() {
    return new TrunkCollection();
  }

  @Override
  public UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups() {
    return new Collection<>(ResourceKind.SECURITY_GROUP, SecurityGroup.class);
  }

  @Override
  public UpdatableResources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules() {
    return new Collection<>(ResourceKind.SECURITY_GROUP_RULE, SecurityGroupRule.class);
  }

  @Override
  public Routers routers() {
    return new RouterCollection();
  }

  @Override
  public UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps() {
    return new Collection<>(ResourceKind.FLOATING_IP, FloatingIp.class);
  }

  @Override
  public UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(
      String floatingIpId) {
    return new ForwardingCollection(floatingIpId);
  }

  @Override
  public Tags tags() {
    return new FakeTags();
  }

  @Override
  public synchronized Capabilities capabilities() {
    record("GET", "extensions");
    return new Capabilities(extensions);
  }

  @Override
  public RequestCounters requestCounters() {
    return new RequestCounters();
  }

  @Override
  public void close() {
    // nothing to release
  }

  // ------------------------------------------------------------------ behaviour

  private Map<String, Map<String, Object>> table(ResourceKind kind) {
    return tables.computeIfAbsent(kind, k -> new LinkedHashMap<>());
  }

  private void record(String method, String collection) {
    String request = method + " " + collection;
    requests.add(request);
    Deque<NeutronException> queued = failures.get(request);
    if (queued != null && !queued.isEmpty()) {
      throw queued.poll();
    }
  }

  private static NeutronException.NotFound notFound(ResourceKind kind, String id) {
    return new NeutronException.NotFound(
        new NeutronException.Failure(
            "read", kind.displayName(), id, 404, null, kind.displayName() + " not found"));
  }

  private <T> T convert(ResourceKind kind, Map<String, Object> row, Class<T> type) {
    var view = new LinkedHashMap<>(row);
    if (kind == ResourceKind.SECURITY_GROUP) {
      view.put(
          "security_group_rules",
          table(ResourceKind.SECURITY_GROUP_RULE).values().stream()
              .filter(r -> row.get("id").equals(r.get("security_group_id")))
              .toList());
    }
    return JSON.convertValue(view, type);
  }

  static boolean matches(Map<String, Object> row, Query query) {
    var byKey = new LinkedHashMap<String, List<String>>();
    query
        .filters()
        .forEach(f -> byKey.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue()));
    for (Map.Entry<String, List<String>> filter : byKey.entrySet()) {
      if (filter.getValue().stream().noneMatch(v -> matches(row, filter.getKey(), v))) {
        return false;
      }
    }
    @SuppressWarnings("unchecked")
    List<String> tags = (List<String>) row.getOrDefault("tags", List.of());
    return tags.containsAll(query.tags())
        && (query.tagsAny().isEmpty() || query.tagsAny().stream().anyMatch(tags::contains))
        && (query.notTags().isEmpty() || !tags.containsAll(query.notTags()))
        && query.notTagsAny().stream().noneMatch(tags::contains);
  }

  private static boolean matches(Map<String, Object> row, String key, String value) {
    if (key.equals("fixed_ips")) {
      String[] condition = value.split("=", 2);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> ips =
          (List<Map<String, Object>>) row.getOrDefault("fixed_ips", List.of());
      return ips.stream().anyMatch(ip -> condition[1].equals(String.valueOf(ip.get(condition[0]))));
    }
    return value.equals(String.valueOf(row.get(key)));
  }

  private synchronized Map<String, Object> created(ResourceKind kind, ResourceRequest request) {
    var row = new LinkedHashMap<String, Object>(request.attributes());
    row.put("id", UUID.randomUUID().toString());
    row.put("project_id", PROJECT);
    row.put("tags", new ArrayList<>(request.tags()));
    row.put("revision_number", 1L);
    switch (kind) {
      case PORT -> newPort(row);
      case SECURITY_GROUP -> newSecurityGroup(row);
      case FLOATING_IP -> newFloatingIp(row);
      default -> {
        // stored as given
      }
    }
    table(kind).put((String) row.get("id"), row);
    return row;
  }

  private void newPort(Map<String, Object> row) {
    row.putIfAbsent(
        "mac_address", "fa:16:3e:00:00:" + String.format("%02x", addresses.get() % 256));
    row.putIfAbsent("security_groups", List.of(defaultGroupRow()));
    row.putIfAbsent("port_security_enabled", true);
    @SuppressWarnings("unchecked")
    var ips = (List<Map<String, Object>>) row.getOrDefault("fixed_ips", List.of());
    var filled = new ArrayList<Map<String, Object>>();
    for (Map<String, Object> ip : ips) {
      var copy = new LinkedHashMap<>(ip);
      copy.putIfAbsent("ip_address", "10.0.0." + addresses.incrementAndGet());
      filled.add(copy);
    }
    row.put("fixed_ips", filled);
  }

  private String defaultGroupRow() {
    return table(ResourceKind.SECURITY_GROUP).values().stream()
        .filter(g -> "default".equals(g.get("name")))
        .map(g -> (String) g.get("id"))
        .findFirst()
        .orElse("no-default-group");
  }

  private void newSecurityGroup(Map<String, Object> row) {
    for (String ethertype : List.of("IPv4", "IPv6")) {
      var rule = new LinkedHashMap<String, Object>();
      rule.put("id", UUID.randomUUID().toString());
      rule.put("security_group_id", row.get("id"));
      rule.put("direction", "egress");
      rule.put("ethertype", ethertype);
      rule.put("project_id", PROJECT);
      table(ResourceKind.SECURITY_GROUP_RULE).put((String) rule.get("id"), rule);
    }
  }

  private void newFloatingIp(Map<String, Object> row) {
    Object wanted = row.get("floating_ip_address");
    if (wanted != null
        && table(ResourceKind.FLOATING_IP).values().stream()
            .anyMatch(f -> wanted.equals(f.get("floating_ip_address")))) {
      throw conflict("IP address " + wanted + " already allocated");
    }
    row.putIfAbsent("floating_ip_address", "203.0.113." + addresses.incrementAndGet());
    row.put("router_id", row.get("port_id") == null ? null : routerOf((String) row.get("port_id")));
    row.put("status", "ACTIVE");
  }

  // The router a port's traffic leaves through: the one with an interface on its first subnet.
  private String routerOf(String portId) {
    Map<String, Object> port = table(ResourceKind.PORT).get(portId);
    @SuppressWarnings("unchecked")
    var ips = (List<Map<String, Object>>) port.get("fixed_ips");
    Object subnet = ips.getFirst().get("subnet_id");
    return table(ResourceKind.PORT).values().stream()
        .filter(p -> "network:router_interface".equals(p.get("device_owner")))
        .filter(p -> matches(p, "fixed_ips", "subnet_id=" + subnet))
        .map(p -> (String) p.get("device_id"))
        .findFirst()
        .orElseThrow(() -> badRequest("external network is not reachable from port " + portId));
  }

  private synchronized void deleting(ResourceKind kind, String id) {
    if (kind == ResourceKind.FLOATING_IP
        && !forwardingTables.getOrDefault(id, Map.of()).isEmpty()) {
      throw conflict("Floating IP " + id + " in use by Port Forwarding resources.");
    }
    if (kind == ResourceKind.SECURITY_GROUP) {
      boolean inUse =
          table(ResourceKind.PORT).values().stream()
              .anyMatch(p -> ((List<?>) p.getOrDefault("security_groups", List.of())).contains(id));
      if (inUse) {
        throw conflict("Security Group " + id + " in use.");
      }
      table(ResourceKind.SECURITY_GROUP_RULE)
          .values()
          .removeIf(r -> id.equals(r.get("security_group_id")));
    }
    if (kind == ResourceKind.SUBNET
        && table(ResourceKind.PORT).values().stream()
            .anyMatch(p -> matches(p, "fixed_ips", "subnet_id=" + id))) {
      throw conflict("Unable to complete operation on subnet " + id + ": ports use it");
    }
    if (kind == ResourceKind.NETWORK
        && table(ResourceKind.PORT).values().stream()
            .anyMatch(p -> id.equals(p.get("network_id")))) {
      throw conflict("Unable to complete operation on network " + id + ": ports use it");
    }
    if (kind == ResourceKind.NETWORK) {
      table(ResourceKind.SUBNET).values().removeIf(s -> id.equals(s.get("network_id")));
    }
    if (kind == ResourceKind.PORT) {
      forwardingTables
          .values()
          .forEach(t -> t.values().removeIf(f -> id.equals(f.get("internal_port_id"))));
    }
  }

  /** One collection of resources over a table. */
  private class Collection<T, R extends ResourceRequest> implements UpdatableResources<T, R> {
    final ResourceKind kind;
    final Class<T> type;

    Collection(ResourceKind kind, Class<T> type) {
      this.kind = kind;
      this.type = type;
    }

    Map<String, Map<String, Object>> rows() {
      return table(kind);
    }

    String collection() {
      return kind.collectionPath();
    }

    @Override
    public List<T> list(Query query) {
      synchronized (FakeNeutron.this) {
        record("GET", collection());
        return rows().values().stream()
            .filter(row -> matches(row, query))
            .map(row -> convert(kind, row, type))
            .toList();
      }
    }

    @Override
    public T get(String id) {
      return find(id).orElseThrow(() -> notFound(kind, id));
    }

    @Override
    public Optional<T> find(String id) {
      synchronized (FakeNeutron.this) {
        record("GET", collection());
        return Optional.ofNullable(rows().get(id)).map(row -> convert(kind, row, type));
      }
    }

    @Override
    public T create(R request) {
      synchronized (FakeNeutron.this) {
        record("POST", collection());
        return convert(kind, createRow(request), type);
      }
    }

    Map<String, Object> createRow(R request) {
      return created(kind, request);
    }

    @Override
    public boolean delete(String id) {
      synchronized (FakeNeutron.this) {
        record("DELETE", collection());
        if (!rows().containsKey(id)) {
          return false;
        }
        deleting(kind, id);
        rows().remove(id);
        return true;
      }
    }

    @Override
    public T update(String id, R request) {
      synchronized (FakeNeutron.this) {
        record("PUT", collection());
        Map<String, Object> row = rows().get(id);
        if (row == null) {
          throw notFound(kind, id);
        }
        row.putAll(request.attributes());
        row.put("revision_number", ((Number) row.get("revision_number")).longValue() + 1);
        updated(row);
        return convert(kind, row, type);
      }
    }

    void updated(Map<String, Object> row) {
      if (kind == ResourceKind.FLOATING_IP) {
        Object port = row.get("port_id");
        row.put("router_id", port == null ? null : routerOf((String) port));
      }
    }

    @Override
    public T update(String id, R request, long expectedRevision) {
      synchronized (FakeNeutron.this) {
        Map<String, Object> row = rows().get(id);
        if (row != null && ((Number) row.get("revision_number")).longValue() != expectedRevision) {
          record("PUT", collection());
          throw new NeutronException.Conflict(failure("update", kind.displayName(), 412, "rev"));
        }
        return update(id, request);
      }
    }
  }

  private final class PortCollection extends Collection<Port, PortRequest> implements Ports {
    PortCollection() {
      super(ResourceKind.PORT, Port.class);
    }

    @Override
    public List<Port> create(List<PortRequest> requests) {
      return requests.stream().map(this::create).toList();
    }
  }

  private final class TrunkCollection extends Collection<Trunk, TrunkRequest> implements Trunks {
    TrunkCollection() {
      super(ResourceKind.TRUNK, Trunk.class);
    }

    @Override
    public Trunk addSubports(String trunkId, List<SubPort> subPorts) {
      throw new UnsupportedOperationException("trunks are not faked");
    }

    @Override
    public Trunk removeSubports(String trunkId, List<String> subPortIds) {
      throw new UnsupportedOperationException("trunks are not faked");
    }

    @Override
    public List<SubPort> subports(String trunkId) {
      throw new UnsupportedOperationException("trunks are not faked");
    }
  }

  private final class RouterCollection extends Collection<Router, RouterRequest>
      implements Routers {
    RouterCollection() {
      super(ResourceKind.ROUTER, Router.class);
    }

    @Override
    public RouterInterface addInterface(String routerId, RouterInterfaceRequest request) {
      synchronized (FakeNeutron.this) {
        record("PUT", "routers/add_router_interface");
        Map<String, Object> subnet = table(ResourceKind.SUBNET).get(request.subnetId());
        if (subnet == null || subnet.get("gateway_ip") == null) {
          throw badRequest("subnet " + request.subnetId() + " has no gateway");
        }
        String portId =
            put(
                ResourceKind.PORT,
                Map.of(
                    "network_id",
                    subnet.get("network_id"),
                    "device_owner",
                    "network:router_interface",
                    "device_id",
                    routerId,
                    "fixed_ips",
                    List.of(
                        Map.of(
                            "subnet_id", request.subnetId(),
                            "ip_address", subnet.get("gateway_ip")))));
        return new RouterInterface(
            routerId,
            portId,
            request.subnetId(),
            List.of(request.subnetId()),
            (String) subnet.get("network_id"));
      }
    }

    @Override
    public boolean removeInterface(String routerId, RouterInterfaceRequest request) {
      synchronized (FakeNeutron.this) {
        record("PUT", "routers/remove_router_interface");
        Function<Map<String, Object>, Boolean> wanted =
            p ->
                request.portId() != null
                    ? request.portId().equals(p.get("id"))
                    : matches(p, "fixed_ips", "subnet_id=" + request.subnetId());
        return table(ResourceKind.PORT)
            .values()
            .removeIf(p -> routerId.equals(p.get("device_id")) && wanted.apply(p));
      }
    }
  }

  private final class ForwardingCollection
      extends Collection<PortForwarding, PortForwardingRequest> {
    private final String floatingIpId;

    ForwardingCollection(String floatingIpId) {
      super(ResourceKind.PORT_FORWARDING, PortForwarding.class);
      this.floatingIpId = floatingIpId;
    }

    @Override
    Map<String, Map<String, Object>> rows() {
      if (!table(ResourceKind.FLOATING_IP).containsKey(floatingIpId)) {
        throw notFound(ResourceKind.FLOATING_IP, floatingIpId);
      }
      return forwardingTables.computeIfAbsent(floatingIpId, f -> new LinkedHashMap<>());
    }

    @Override
    String collection() {
      return "floatingips/port_forwardings";
    }

    @Override
    Map<String, Object> createRow(PortForwardingRequest request) {
      var row = new LinkedHashMap<String, Object>(request.attributes());
      row.put("id", UUID.randomUUID().toString());
      int[] external = range(row, "external");
      for (Map<String, Object> other : rows().values()) {
        int[] taken = range(other, "external");
        if (other.get("protocol").equals(row.get("protocol"))
            && taken[0] <= external[1]
            && external[0] <= taken[1]) {
          throw badRequest("There is a port collision with the external_port_range.");
        }
      }
      rows().put((String) row.get("id"), row);
      Map<String, Object> fip = table(ResourceKind.FLOATING_IP).get(floatingIpId);
      fip.put("router_id", routerOf((String) row.get("internal_port_id")));
      return row;
    }

    @Override
    public boolean delete(String id) {
      boolean deleted = super.delete(id);
      synchronized (FakeNeutron.this) {
        if (rows().isEmpty()) {
          table(ResourceKind.FLOATING_IP).get(floatingIpId).put("router_id", null);
        }
      }
      return deleted;
    }

    private static int[] range(Map<String, Object> row, String side) {
      Object single = row.get(side + "_port");
      if (single != null) {
        int port = ((Number) single).intValue();
        return new int[] {port, port};
      }
      String[] bounds = Objects.toString(row.get(side + "_port_range")).split(":");
      return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
    }
  }

  private final class FakeTags implements Tags {
    @Override
    public List<String> list(ResourceKind kind, String id) {
      synchronized (FakeNeutron.this) {
        record("GET", kind.collectionPath() + "/tags");
        return List.copyOf(tagsOf(kind, id));
      }
    }

    @Override
    public void add(ResourceKind kind, String id, String tag) {
      synchronized (FakeNeutron.this) {
        record("PUT", kind.collectionPath() + "/tags");
        List<String> tags = tagsOf(kind, id);
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
    }

    @Override
    public boolean remove(ResourceKind kind, String id, String tag) {
      synchronized (FakeNeutron.this) {
        record("DELETE", kind.collectionPath() + "/tags");
        Map<String, Object> row = table(kind).get(id);
        return row != null && tagsOf(kind, id).remove(tag);
      }
    }

    @Override
    public List<String> replace(ResourceKind kind, String id, List<String> tags) {
      synchronized (FakeNeutron.this) {
        record("PUT", kind.collectionPath() + "/tags");
        List<String> stored = tagsOf(kind, id);
        stored.clear();
        stored.addAll(tags);
        return List.copyOf(stored);
      }
    }

    @SuppressWarnings("unchecked")
    private List<String> tagsOf(ResourceKind kind, String id) {
      Map<String, Object> row = table(kind).get(id);
      if (row == null) {
        throw notFound(kind, id);
      }
      var tags = new ArrayList<>((List<String>) row.getOrDefault("tags", List.of()));
      row.put("tags", tags);
      return tags;
    }
  }
}
