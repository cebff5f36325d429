package org.openstack.kuryr.binding;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Neutron port, as far as wiring it into this host needs to know it.
 *
 * <p>Immutable and thread-safe. Values are validated on construction because they end up in device
 * names and host command arguments.
 *
 * @param portId the Neutron port ID (a UUID); devices are named after its first 11 characters
 * @param networkId the Neutron network ID (a UUID); names the Linux bridge for {@code bridge}
 * @param endpointId Docker's endpoint ID, recorded on the OVS interface as {@code vm-uuid}
 * @param macAddress the port's MAC address, stored in lower case; in nested macvlan mode the MAC
 *     address the container's device gets, which is not the port's (see the macvlan binder)
 * @param mtu the network's MTU in bytes, set on every device created for the port
 * @param vifType the port's {@code binding:vif_type} as Neutron reports it (e.g. {@code ovs})
 * @param vifDetails the port's {@code binding:vif_details}; entries with null values are dropped
 * @param segmentationId the VLAN ID of a trunk subport in nested VLAN mode, or {@code null}
 */
public record BoundPort(
    String portId,
    String networkId,
    String endpointId,
    String macAddress,
    int mtu,
    String vifType,
    Map<String, Object> vifDetails,
    Integer segmentationId) {

  /** {@code binding:vif_type} of ports bound by ML2/OVN and the ML2/OVS agent. */
  public static final String VIF_TYPE_OVS = "ovs";

  /** {@code binding:vif_type} of ports bound by the ML2/linuxbridge agent. */
  public static final String VIF_TYPE_BRIDGE = "bridge";

  /** {@code binding:vif_details} key naming the bridge to plug into. */
  public static final String DETAIL_BRIDGE_NAME = "bridge_name";

  /** {@code binding:vif_details} key set by ML2/OVS when its iptables firewall is in use. */
  public static final String DETAIL_OVS_HYBRID_PLUG = "ovs_hybrid_plug";

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  // Docker endpoint IDs are 64 hex digits (25 alphanumerics under swarm); anything that needs
  // quoting in an ovs-vsctl argument is refused.
  private static final Pattern ENDPOINT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final int MIN_MTU = 68;
  private static final int MAX_MTU = 65535;
  private static final int MAX_VLAN_ID = 4094;

  /** Validates the arguments and normalises the MAC address and the details map. */
  public BoundPort {
    requireMatch(UUID, portId, "port ID");
    requireMatch(UUID, networkId, "network ID");
    requireMatch(ENDPOINT_ID, endpointId, "endpoint ID");
    macAddress = Objects.requireNonNull(macAddress, "MAC address").toLowerCase(Locale.ROOT);
    requireMatch(MAC, macAddress, "MAC address");
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new IllegalArgumentException("MTU " + mtu + " is outside 68..65535");
    }
    Objects.requireNonNull(vifType, "vif type");
    vifDetails = withoutNullValues(vifDetails);
    if (segmentationId != null && (segmentationId < 1 || segmentationId > MAX_VLAN_ID)) {
      throw new IllegalArgumentException("VLAN ID " + segmentationId + " is outside 1..4094");
    }
  }

  /** This port with {@code segmentationId} as its VLAN ID. */
  public BoundPort withSegmentationId(int vlanId) {
    return new BoundPort(
        portId, networkId, endpointId, macAddress, mtu, vifType, vifDetails, vlanId);
  }

  /** This port with another vif type and details, as after a new binding. */
  public BoundPort withVif(String newVifType, Map<String, Object> newVifDetails) {
    return new BoundPort(
        portId, networkId, endpointId, macAddress, mtu, newVifType, newVifDetails, segmentationId);
  }

  /** The text of a vif detail, or {@code null} when absent. */
  public String vifDetail(String key) {
    Object value = vifDetails.get(key);
    return value == null ? null : value.toString();
  }

  /** Whether a vif detail is boolean true (or the text {@code true}, in any case). */
  public boolean vifDetailFlag(String key) {
    return Boolean.parseBoolean(vifDetail(key));
  }

  private static void requireMatch(Pattern pattern, String value, String role) {
    Objects.requireNonNull(value, role);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(role + " '" + value + "' is malformed");
    }
  }

  private static Map<String, Object> withoutNullValues(Map<String, Object> details) {
    if (details == null) {
      return Map.of();
    }
    Map<String, Object> copy = new HashMap<>();
    details.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            copy.put(key, value);
          }
        });
    return Map.copyOf(copy);
  }
}
