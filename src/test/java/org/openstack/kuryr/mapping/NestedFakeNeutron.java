package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.openstack.kuryr.neutron.AddressPair;
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
import org.openstack.kuryr.neutron.Resources;
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
import org.openstack.kuryr.neutron.TrunkDetails;
import org.openstack.kuryr.neutron.TrunkRequest;
import org.openstack.kuryr.neutron.Trunks;
import org.openstack.kuryr.neutron.UpdatableResources;

/**
 * An in-memory Neutron for the nested modes' unit tests: ports and trunks with the rules ML2/OVN
 * and the trunk plugin apply (measured on the test bed):
 *
 * <ul>
 *   <li>{@code add_subports}: a port with a device ID is refused ({@code PortInUse}), a VLAN ID
 *       already on the trunk too ({@code DuplicateSubPort}), a port already a subport too ({@code
 *       TrunkPortInUse}); an added subport gets {@code device_owner=trunk:subport}, an empty device
 *       ID and {@code binding:vif_type=ovs};
 *   <li>{@code remove_subports} of a port that is no subport: {@code SubPortNotFound} (404); the
 *       removed port's {@code device_owner} is emptied;
 *   <li>a subport cannot be deleted ({@code PortInUseAsSubPort}), nor its MAC changed ({@code
 *       PortBound});
 *   <li>an update with an expected revision that is not the port's fails with 412.
 * </ul>
 *
 * <p>Added subports go {@code ACTIVE} at once unless {@link #unplugParent()} was called. Every call
 * is recorded as {@code "<verb> <resource>"} (e.g. {@code "update port"}); a call can be made to
 * fail, or to run something first (another writer, a pause). Thread-safe.
 */
public final class NestedFakeNeutron implements NeutronClient {
  private final Map<String, PortState> ports = new LinkedHashMap<>();
  private final Map<String, TrunkState> trunks = new LinkedHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();
  private final AtomicInteger macs = new AtomicInteger(0x100);
  private final FakePorts portApi = new FakePorts();
  private final FakeTrunks trunkApi = new FakeTrunks();
  private volatile boolean parentPlugged = true;

  /** A port's attributes as this fake keeps them. */
  public static final class PortState {
    final String id = UUID.randomUUID().toString();
    String name = "";
    final String networkId;
    String macAddress;
    List<FixedIp> fixedIps = List.of();
    String deviceOwner = "";
    String deviceId = "";
    String status = "DOWN";
    String hostId = "";
    String vifType = "unbound";
    List<AddressPair> pairs = List.of();
    List<String> securityGroups = List.of("default");
    List<String> tags = List.of();
    long revision = 1;

    PortState(String networkId, String macAddress) {
      this.networkId = networkId;
      this.macAddress = macAddress;
    }

    Port toPort(TrunkDetails trunkDetails) {
      return new Port(
          id,
          name,
          "",
          networkId,
          "project",
          macAddress,
          fixedIps,
          deviceOwner,
          deviceId,
          status,
          true,
          hostId,
          vifType,
          Map.of(),
          "normal",
          Map.of(),
          pairs,
          securityGroups,
          "",
          List.of(),
          true,
          tags,
          revision,
          trunkDetails);
    }
  }

  private record TrunkState(String id, String parentId, List<SubPort> subports) {}

  private record Hook(Predicate<String> call, Runnable action, int[] remaining) {}

  // ---------------------------------------------------------------- test set-up and inspection

  /** Adds a port on a network with one address. */
  public synchronized Port addPort(String networkId, String subnetId, String address) {
    PortState port = new PortState(networkId, nextMac());
    port.fixedIps = List.of(FixedIp.of(subnetId, address));
    port.deviceOwner = KuryrTags.DEVICE_OWNER;
    port.name = KuryrTags.UNBOUND_PORT_NAME;
    port.tags = List.of(KuryrTags.KURYR_PORT);
    ports.put(port.id, port);
    return port.toPort(null);
  }

  /** Adds the VM's port, bound and active, as Nova leaves it. */
  public synchronized Port addVmPort(String networkId, String subnetId, String address) {
    PortState port = new PortState(networkId, nextMac());
    port.fixedIps = List.of(FixedIp.of(subnetId, address));
    port.deviceOwner = "compute:nova";
    port.deviceId = "vm-" + port.id.substring(0, 8);
    port.status = "ACTIVE";
    port.hostId = "compute-1";
    port.vifType = "ovs";
    ports.put(port.id, port);
    return port.toPort(null);
  }

  /** Makes {@code parentPortId} the parent of a new trunk. */
  public synchronized String addTrunk(String parentPortId) {
    var trunk = new TrunkState(UUID.randomUUID().toString(), parentPortId, new ArrayList<>());
    trunks.put(trunk.id(), trunk);
    return trunk.id();
  }

  /**
   * Leaves subports {@code DOWN} from now on, as when the trunk parent's interface is not plugged
   * (by default they go {@code ACTIVE} when added, as OVN makes them when the parent is plugged).
   */
  public void unplugParent() {
    parentPlugged = false;
  }

  /** Sets a port's status, as Neutron does when the trunk's subport goes up. */
  public synchronized void setStatus(String portId, String status) {
    ports.get(portId).status = status;
  }

  /** Sets a port's allowed address pairs behind the daemon's back (another writer). */
  public synchronized void setAddressPairs(String portId, List<AddressPair> pairs) {
    PortState port = ports.get(portId);
    port.pairs = List.copyOf(pairs);
    port.revision++;
  }

  /** The port as Neutron has it now. */
  public synchronized Port port(String portId) {
    return portApi.get(portId);
  }

  /** Whether the port exists. */
  public synchronized boolean hasPort(String portId) {
    return ports.containsKey(portId);
  }

  /** The trunk's subports now. */
  public synchronized List<SubPort> subports(String trunkId) {
    return List.copyOf(trunks.get(trunkId).subports());
  }

  /** Every call so far, as {@code "<verb> <resource>"}. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** Makes every call named {@code call} fail with {@code failure}, {@code times} times. */
  public void failOn(String call, int times, NeutronException failure) {
    hooks.add(
        new Hook(
            call::equals,
            () -> {
              throw failure;
            },
            new int[] {times}));
  }

  /** Runs {@code action} before the next {@code times} calls named {@code call}. */
  public void before(String call, int times, Runnable action) {
    hooks.add(new Hook(call::equals, action, new int[] {times}));
  }

  /** A Neutron failure of the given status and type. */
  public static NeutronException failure(int status, String type) {
    return NeutronException.fromResponse(
        new NeutronException.Failure("do", "thing", null, status, type, type + " (fake)"));
  }

  /** Neutron not answering, after possibly applying the request. */
  public static NeutronException unavailable() {
    return new NeutronException.Unavailable(
        new NeutronException.Failure("do", "thing", null, 0, null, "connection reset"), true, null);
  }

  private String nextMac() {
    int n = macs.getAndIncrement();
    return String.format("fa:16:3e:00:%02x:%02x", (n >> 8) & 0xff, n & 0xff);
  }

  // Hooks run outside the lock, so that another writer can change the fake meanwhile.
  private void enter(String call) {
    calls.add(call);
    for (Hook hook : hooks) {
      boolean run;
      synchronized (hook.remaining()) {
        run = hook.call().test(call) && hook.remaining()[0] > 0;
        if (run) {
          hook.remaining()[0]--;
        }
      }
      if (run) {
        hook.action().run();
      }
    }
  }

  private static NeutronException conflict(String type) {
    return failure(409, type);
  }

  private static NeutronException notFound(String type) {
    return failure(404, type);
  }

  // ---------------------------------------------------------------- ports

  private final class FakePorts implements Ports {
    @Override
    public List<Port> list(Query query) {
      enter("list port");
      synchronized (NestedFakeNeutron.this) {
        return ports.values().stream()
            .filter(port -> matches(port, query))
            .map(port -> port.toPort(trunkDetailsOf(port.id)))
            .toList();
      }
    }

    private boolean matches(PortState port, Query query) {
      Map<String, List<String>> wanted = new LinkedHashMap<>();
      query
          .filters()
          .forEach(
              f -> wanted.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue()));
      return wanted.entrySet().stream()
          .allMatch(e -> e.getValue().stream().anyMatch(v -> matches(port, e.getKey(), v)));
    }

    private static boolean matches(PortState port, String key, String value) {
      return switch (key) {
        case "network_id" -> port.networkId.equals(value);
        case "device_id" -> port.deviceId.equals(value);
        case "mac_address" -> port.macAddress.equalsIgnoreCase(value);
        case "fixed_ips" ->
            port.fixedIps.stream().anyMatch(ip -> value.equals("ip_address=" + ip.ipAddress()));
        default -> throw new AssertionError("the fake does not filter ports by " + key);
      };
    }

    @Override
    public Port get(String id) {
      return find(id).orElseThrow(() -> notFound("PortNotFound"));
    }

    @Override
    public Optional<Port> find(String id) {
      enter("get port");
      synchronized (NestedFakeNeutron.this) {
        return Optional.ofNullable(ports.get(id)).map(p -> p.toPort(trunkDetailsOf(p.id)));
      }
    }

    @Override
    public Port create(PortRequest request) {
      throw new AssertionError("nested modes create no ports");
    }

    @Override
    public List<Port> create(List<PortRequest> requests) {
      throw new AssertionError("nested modes create no ports");
    }

    @Override
    public boolean delete(String id) {
      enter("delete port");
      synchronized (NestedFakeNeutron.this) {
        if (subportTrunk(id).isPresent()) {
          throw conflict("PortInUseAsSubPort");
        }
        return ports.remove(id) != null;
      }
    }

    @Override
    public Port update(String id, PortRequest request) {
      enter("update port");
      synchronized (NestedFakeNeutron.this) {
        return apply(id, request);
      }
    }

    @Override
    public Port update(String id, PortRequest request, long expectedRevision) {
      enter("update port");
      synchronized (NestedFakeNeutron.this) {
        PortState port = ports.get(id);
        if (port != null && port.revision != expectedRevision) {
          throw failure(412, null);
        }
        return apply(id, request);
      }
    }

    @SuppressWarnings("unchecked")
    private Port apply(String id, PortRequest request) {
      PortState port = ports.get(id);
      if (port == null) {
        throw notFound("PortNotFound");
      }
      Map<String, Object> set = request.attributes();
      if (set.containsKey("mac_address") && !port.vifType.equals("unbound")) {
        throw conflict("PortBound");
      }
      set.forEach(
          (key, value) -> {
            switch (key) {
              case "name" -> port.name = (String) value;
              case "mac_address" -> port.macAddress = (String) value;
              case "device_id" -> port.deviceId = (String) value;
              case "device_owner" -> port.deviceOwner = (String) value;
              case "binding:host_id" -> port.hostId = (String) value;
              case "security_groups" -> port.securityGroups = List.copyOf((List<String>) value);
              case "fixed_ips" ->
                  port.fixedIps =
                      ((List<Map<String, Object>>) value)
                          .stream()
                              .map(
                                  m ->
                                      FixedIp.of(
                                          (String) m.get("subnet_id"),
                                          (String) m.get("ip_address")))
                              .toList();
              case "allowed_address_pairs" ->
                  port.pairs =
                      ((List<Map<String, Object>>) value)
                          .stream()
                              .map(
                                  m ->
                                      new AddressPair(
                                          (String) m.get("ip_address"),
                                          m.get("mac_address") == null
                                              ? port.macAddress
                                              : (String) m.get("mac_address")))
                              .toList();
              default -> throw new AssertionError("the fake does not update " + key);
            }
          });
      port.revision++;
      return port.toPort(trunkDetailsOf(id));
    }
  }

  private TrunkDetails trunkDetailsOf(String portId) {
    return trunks.values().stream()
        .filter(t -> t.parentId().equals(portId))
        .findFirst()
        .map(t -> new TrunkDetails(t.id(), List.copyOf(t.subports())))
        .orElse(null);
  }

  private Optional<TrunkState> subportTrunk(String portId) {
    return trunks.values().stream()
        .filter(t -> t.subports().stream().anyMatch(s -> s.portId().equals(portId)))
        .findFirst();
  }

  // ---------------------------------------------------------------- trunks

  private final class FakeTrunks implements Trunks {
    @Override
    public Trunk addSubports(String trunkId, List<SubPort> subPorts) {
      enter("add subports");
      synchronized (NestedFakeNeutron.this) {
        TrunkState trunk = requireTrunk(trunkId);
        for (SubPort sub : subPorts) {
          validate(trunk, sub);
        }
        for (SubPort sub : subPorts) {
          trunk.subports().add(SubPort.vlan(sub.portId(), sub.segmentationId()));
          PortState port = ports.get(sub.portId());
          port.deviceOwner = "trunk:subport";
          port.deviceId = "";
          port.vifType = "ovs";
          port.status = parentPlugged ? "ACTIVE" : "DOWN";
          port.revision++;
        }
        return toTrunk(trunk);
      }
    }

    private void validate(TrunkState trunk, SubPort sub) {
      PortState port = ports.get(sub.portId());
      if (port == null) {
        throw notFound("PortNotFound");
      }
      if (subportTrunk(sub.portId()).isPresent()) {
        throw conflict("TrunkPortInUse");
      }
      if (!port.deviceId.isEmpty()) {
        throw conflict("PortInUse");
      }
      if (trunk.subports().stream()
          .anyMatch(s -> s.segmentationId().equals(sub.segmentationId()))) {
        throw conflict("DuplicateSubPort");
      }
    }

    @Override
    public Trunk removeSubports(String trunkId, List<String> subPortIds) {
      enter("remove subports");
      synchronized (NestedFakeNeutron.this) {
        TrunkState trunk = requireTrunk(trunkId);
        for (String portId : subPortIds) {
          if (trunk.subports().stream().noneMatch(s -> s.portId().equals(portId))) {
            throw notFound("SubPortNotFound");
          }
        }
        for (String portId : subPortIds) {
          trunk.subports().removeIf(s -> s.portId().equals(portId));
          PortState port = ports.get(portId);
          if (port != null) {
            port.deviceOwner = "";
            port.vifType = "unbound";
            port.status = "DOWN";
            port.revision++;
          }
        }
        return toTrunk(trunk);
      }
    }

    @Override
    public List<SubPort> subports(String trunkId) {
      enter("get subports");
      synchronized (NestedFakeNeutron.this) {
        return List.copyOf(requireTrunk(trunkId).subports());
      }
    }

    private TrunkState requireTrunk(String trunkId) {
      TrunkState trunk = trunks.get(trunkId);
      if (trunk == null) {
        throw notFound("TrunkNotFound");
      }
      return trunk;
    }

    private Trunk toTrunk(TrunkState trunk) {
      return new Trunk(
          trunk.id(),
          "",
          "",
          "project",
          trunk.parentId(),
          "ACTIVE",
          true,
          List.copyOf(trunk.subports()),
          List.of(),
          1L);
    }

    @Override
    public List<Trunk> list(Query query) {
      throw unused("list trunks");
    }

    @Override
    public Trunk get(String id) {
      throw unused("get trunk");
    }

    @Override
    public Optional<Trunk> find(String id) {
      throw unused("find trunk");
    }

    @Override
    public Trunk create(TrunkRequest request) {
      throw unused("create trunk");
    }

    @Override
    public boolean delete(String id) {
      throw unused("delete trunk");
    }

    @Override
    public Trunk update(String id, TrunkRequest request) {
      throw unused("update trunk");
    }

    @Override
    public Trunk update(String id, TrunkRequest request, long expectedRevision) {
      throw unused("update trunk");
    }
  }

  // ---------------------------------------------------------------- what nested modes do not use

  private static AssertionError unused(String what) {
    return new AssertionError("nested modes do not " + what);
  }

  @Override
  public Ports ports() {
    return portApi;
  }

  @Override
  public Trunks trunks() {
    return trunkApi;
  }

  @Override
  public UpdatableResources<Network, NetworkRequest> networks() {
    throw unused("use networks");
  }

  @Override
  public UpdatableResources<Subnet, SubnetRequest> subnets() {
    throw unused("use subnets");
  }

  @Override
  public UpdatableResources<SubnetPool, SubnetPoolRequest> subnetPools() {
    throw unused("use subnet pools");
  }

  @Override
  public UpdatableResources<SecurityGroup, SecurityGroupRequest> securityGroups() {
    throw unused("use security groups");
  }

  @Override
  public Resources<SecurityGroupRule, SecurityGroupRuleRequest> securityGroupRules() {
    throw unused("use security group rules");
  }

  @Override
  public Routers routers() {
    throw unused("use routers");
  }

  @Override
  public UpdatableResources<FloatingIp, FloatingIpRequest> floatingIps() {
    throw unused("use floating IPs");
  }

  @Override
  public UpdatableResources<PortForwarding, PortForwardingRequest> portForwardings(
      String floatingIpId) {
    throw unused("use port forwardings");
  }

  @Override
  public Tags tags() {
    throw unused("use tags");
  }

  @Override
  public Capabilities capabilities() {
    throw unused("read capabilities");
  }

  @Override
  public RequestCounters requestCounters() {
    throw unused("count requests");
  }

  @Override
  public void close() {}
}
