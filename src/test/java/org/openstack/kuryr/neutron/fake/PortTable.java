package org.openstack.kuryr.neutron.fake;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.TrunkDetails;
import org.openstack.kuryr.neutron.fake.FakeState.PortRow;

/**
 * Ports: fixed IPs from their subnets, a MAC generated when none is given and unique on the
 * network, binding to a host ({@code binding:vif_type} {@code ovs} once bound), ML2's refusal to
 * change the MAC of a bound port, and the trunk plugin's refusal to delete a trunk's port.
 */
final class PortTable implements Table<Port> {
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "name",
          "description",
          "network_id",
          "mac_address",
          "fixed_ips",
          "device_owner",
          "device_id",
          "admin_state_up",
          "binding:host_id",
          "binding:vnic_type",
          "binding:profile",
          "allowed_address_pairs",
          "security_groups",
          "dns_name",
          "port_security_enabled");
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  private final FakeState state;
  private final Allocations allocations;

  PortTable(FakeState state, Allocations allocations) {
    this.state = state;
    this.allocations = allocations;
  }

  @Override
  public ResourceKind kind() {
    return ResourceKind.PORT;
  }

  @Override
  public List<Port> list() {
    return state.ports.values().stream().map(this::record).toList();
  }

  @Override
  public Optional<Port> find(String id) {
    return Optional.ofNullable(state.ports.get(id)).map(this::record);
  }

  @Override
  public Port create(ResourceRequest request) {
    var attributes = Attributes.of(request, ATTRIBUTES);
    String networkId = attributes.string("network_id");
    Table.require(state.networks, networkId, ResourceKind.NETWORK);
    var row = new PortRow(state.newId(kind()), networkId);
    row.macAddress = attributes.has("mac_address") ? uniqueMac(row, attributes) : state.newMac();
    row.fixedIps =
        attributes.has("fixed_ips")
            ? allocations.resolve(networkId, attributes.maps("fixed_ips"), row)
            : allocations.defaultFixedIps(networkId);
    apply(row, attributes);
    state.ports.put(row.id, row);
    return record(row);
  }

  @Override
  public Port update(String id, ResourceRequest request) {
    PortRow row = Table.require(state.ports, id, kind());
    var attributes = Attributes.of(request, ATTRIBUTES);
    if (attributes.has("network_id")) {
      throw Refusal.badRequest("HTTPBadRequest", "Cannot update read-only attribute network_id");
    }
    String mac = attributes.has("mac_address") ? uniqueMac(row, attributes) : row.macAddress;
    if (!mac.equals(row.macAddress) && row.isBound()) {
      throw Refusal.conflict(
          "PortBound",
          "Unable to complete operation on port "
              + id
              + ", port is already bound, port type: ovs, old_mac "
              + row.macAddress
              + ", new_mac "
              + mac);
    }
    List<FixedIp> fixedIps =
        attributes.has("fixed_ips")
            ? allocations.resolve(row.networkId, attributes.maps("fixed_ips"), row)
            : row.fixedIps;
    row.macAddress = mac;
    row.fixedIps = fixedIps;
    apply(row, attributes);
    return record(row);
  }

  private String uniqueMac(PortRow port, Attributes attributes) {
    String mac = attributes.string("mac_address");
    if (mac == null || !MAC.matcher(mac.toLowerCase(Locale.ROOT)).matches()) {
      throw Refusal.badRequest("InvalidInput", "'" + mac + "' is not a valid MAC address");
    }
    String normalized = mac.toLowerCase(Locale.ROOT);
    boolean taken =
        state.portsOn(port.networkId).stream()
            .anyMatch(p -> p != port && normalized.equals(p.macAddress));
    if (taken) {
      throw Refusal.conflict(
          "MacAddressInUse",
          "Unable to complete operation for network "
              + port.networkId
              + ". The mac address "
              + mac
              + " is in use.");
    }
    return normalized;
  }

  @SuppressWarnings("unchecked")
  private static void apply(PortRow row, Attributes attributes) {
    row.name = attributes.string("name", row.name);
    row.description = attributes.string("description", row.description);
    row.deviceOwner = attributes.string("device_owner", row.deviceOwner);
    row.deviceId = attributes.string("device_id", row.deviceId);
    row.adminStateUp = attributes.bool("admin_state_up", row.adminStateUp);
    row.hostId = attributes.string("binding:host_id", row.hostId);
    row.vnicType = attributes.string("binding:vnic_type", row.vnicType);
    row.dnsName = attributes.string("dns_name", row.dnsName);
    row.portSecurityEnabled = attributes.bool("port_security_enabled", row.portSecurityEnabled);
    if (attributes.has("binding:profile")) {
      row.profile = new HashMap<>((Map<String, Object>) attributes.raw("binding:profile"));
    }
    if (attributes.has("security_groups")) {
      row.securityGroups = List.copyOf(attributes.strings("security_groups"));
    }
    // A pair without a MAC gets the port's own.
    if (attributes.has("allowed_address_pairs")) {
      row.allowedAddressPairs =
          attributes.maps("allowed_address_pairs").stream()
              .map(
                  p ->
                      new AddressPair(
                          (String) p.get("ip_address"),
                          Objects.requireNonNullElse(
                              (String) p.get("mac_address"), row.macAddress)))
              .toList();
    }
  }

  @Override
  public void delete(String id) {
    Table.require(state.ports, id, kind());
    state
        .trunkOfSubport(id)
        .ifPresent(
            trunk -> {
              throw Refusal.conflict(
                  "PortInUseAsSubPort", "Port " + id + " is a subport of trunk " + trunk.id + ".");
            });
    state
        .trunkOfParent(id)
        .ifPresent(
            trunk -> {
              throw Refusal.conflict(
                  "PortInUseAsTrunkParent",
                  "Port " + id + " is the parent port of trunk " + trunk.id + ".");
            });
    state.ports.remove(id);
  }

  @Override
  public String id(Port record) {
    return record.id();
  }

  @Override
  public List<String> tags(Port record) {
    return record.tags();
  }

  @Override
  public Map<String, Function<Port, String>> filters() {
    return Map.of(
        "id", Port::id,
        "name", Port::name,
        "network_id", Port::networkId,
        "device_id", Port::deviceId,
        "device_owner", Port::deviceOwner,
        "mac_address", Port::macAddress,
        "binding:host_id", Port::bindingHostId,
        "status", Port::status);
  }

  @Override
  public boolean knowsFilter(String key) {
    return key.equals("fixed_ips") || Table.super.knowsFilter(key);
  }

  // fixed_ips=ip_address=X and fixed_ips=subnet_id=Y: values of one sub-key are alternatives;
  // different sub-keys must all hold, each on any of the port's fixed IPs (not one and the same).
  @Override
  public boolean matches(Port port, String key, List<String> values) {
    if (!key.equals("fixed_ips")) {
      return Table.super.matches(port, key, values);
    }
    var alternatives = new HashMap<String, Boolean>();
    for (String value : values) {
      int equals = value.indexOf('=');
      String subKey = equals < 0 ? value : value.substring(0, equals);
      String wanted = equals < 0 ? "" : value.substring(equals + 1);
      boolean held = port.fixedIps().stream().anyMatch(ip -> wanted.equals(part(ip, subKey)));
      alternatives.merge(subKey, held, Boolean::logicalOr);
    }
    return !alternatives.containsValue(false);
  }

  private static String part(FixedIp ip, String subKey) {
    return switch (subKey) {
      case "ip_address" -> ip.ipAddress();
      case "subnet_id" -> ip.subnetId();
      default -> throw Refusal.badRequest("HTTPBadRequest", "Unknown fixed_ips filter " + subKey);
    };
  }

  private Port record(PortRow row) {
    return row.toRecord(state.boundPortsUp, trunkDetails(row.id));
  }

  // A trunk's parent port shows the trunk, with each subport's MAC (extension trunk-details).
  private TrunkDetails trunkDetails(String portId) {
    return state
        .trunkOfParent(portId)
        .map(
            trunk ->
                new TrunkDetails(
                    trunk.id,
                    trunk.subports.stream()
                        .map(
                            s ->
                                new SubPort(
                                    s.portId(),
                                    s.segmentationType(),
                                    s.segmentationId(),
                                    state.ports.get(s.portId()).macAddress))
                        .toList()))
        .orElse(null);
  }
}
