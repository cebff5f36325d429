package org.openstack.kuryr.neutron.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.SubPort;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.TrunkDetails;

/**
 * What the fake Neutron holds: rows of networks, subnets, subnet pools, ports and trunks, kept in
 * creation order. Rows are mutable; callers read and change them only while holding the fake's
 * lock, and hand out immutable records.
 */
final class FakeState {
  static final String PROJECT = "fake-project";
  static final String METADATA_OWNER = "network:distributed";

  final Map<String, NetworkRow> networks = new LinkedHashMap<>();
  final Map<String, SubnetRow> subnets = new LinkedHashMap<>();
  final Map<String, PoolRow> pools = new LinkedHashMap<>();
  final Map<String, PortRow> ports = new LinkedHashMap<>();
  final Map<String, TrunkRow> trunks = new LinkedHashMap<>();

  /** Whether bound ports report ACTIVE, as once the host's agent or OVN saw them plugged. */
  boolean boundPortsUp = true;

  private long nextId;
  private long nextMac;

  /** A new UUID; deterministic, so that failures read the same on every run. */
  String newId(ResourceKind kind) {
    return String.format("%08x-0000-4000-8000-%012x", kind.ordinal() + 1, ++nextId);
  }

  /** A MAC in OpenStack's default base, {@code fa:16:3e}. */
  String newMac() {
    long value = ++nextMac;
    return String.format(
        "fa:16:3e:%02x:%02x:%02x", (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
  }

  /** Any resource's row, or empty when it does not exist. */
  Optional<Row> row(ResourceKind kind, String id) {
    Row row =
        switch (kind) {
          case NETWORK -> networks.get(id);
          case SUBNET -> subnets.get(id);
          case SUBNET_POOL -> pools.get(id);
          case PORT -> ports.get(id);
          case TRUNK -> trunks.get(id);
          default -> throw new IllegalArgumentException("the fake has no " + kind);
        };
    return Optional.ofNullable(row);
  }

  /** The tags of any taggable resource, or empty when it does not exist. */
  Optional<Set<String>> tagsOf(ResourceKind kind, String id) {
    return row(kind, id).map(r -> r.tags);
  }

  /** The trunk whose parent this port is, if any. */
  Optional<TrunkRow> trunkOfParent(String portId) {
    return trunks.values().stream().filter(t -> t.portId.equals(portId)).findFirst();
  }

  /** The trunk that carries this port as a subport, if any. */
  Optional<TrunkRow> trunkOfSubport(String portId) {
    return trunks.values().stream().filter(t -> t.subport(portId).isPresent()).findFirst();
  }

  /** The port OVN gives each network for metadata and DHCP, created with the network. */
  void addMetadataPort(String networkId) {
    var port = new PortRow(newId(ResourceKind.PORT), networkId);
    port.deviceOwner = METADATA_OWNER;
    port.deviceId = "ovnmeta-" + networkId;
    port.macAddress = newMac();
    ports.put(port.id, port);
  }

  List<SubnetRow> subnetsOf(String networkId) {
    return subnets.values().stream().filter(s -> s.networkId.equals(networkId)).toList();
  }

  List<PortRow> portsOn(String networkId) {
    return ports.values().stream().filter(p -> p.networkId.equals(networkId)).toList();
  }

  /** What every row has. */
  abstract static class Row {
    final String id;
    String name = "";
    String description = "";
    final Set<String> tags = new TreeSet<>();

    /** Neutron's {@code revision_number}: one more with every change, tags included. */
    long revision = 1;

    Row(String id) {
      this.id = id;
    }
  }

  static final class NetworkRow extends Row {
    boolean adminStateUp = true;
    boolean shared;

    NetworkRow(String id) {
      super(id);
    }

    Network toRecord(List<String> subnetIds) {
      return new Network(
          id,
          name,
          description,
          PROJECT,
          "ACTIVE",
          adminStateUp,
          1442,
          shared,
          false,
          "geneve",
          null,
          null,
          subnetIds,
          "",
          true,
          List.copyOf(tags),
          revision);
    }
  }

  static final class SubnetRow extends Row {
    final String networkId;
    final IpPrefix cidr;
    final String subnetpoolId;
    IpPrefix.Address gateway;
    boolean enableDhcp = true;
    List<Subnet.AllocationPool> allocationPools = List.of();
    List<Subnet.HostRoute> hostRoutes = List.of();
    List<String> dnsNameservers = List.of();

    SubnetRow(String id, String networkId, IpPrefix cidr, String subnetpoolId) {
      super(id);
      this.networkId = networkId;
      this.cidr = cidr;
      this.subnetpoolId = subnetpoolId;
    }

    Subnet toRecord() {
      return new Subnet(
          id,
          name,
          description,
          PROJECT,
          networkId,
          cidr.ipVersion(),
          cidr.toString(),
          gateway == null ? null : gateway.toString(),
          subnetpoolId,
          enableDhcp,
          allocationPools,
          hostRoutes,
          dnsNameservers,
          null,
          null,
          List.copyOf(tags),
          revision);
    }
  }

  static final class PoolRow extends Row {
    final int ipVersion;
    List<IpPrefix> prefixes = new ArrayList<>();
    int defaultPrefixlen;
    int minPrefixlen;
    int maxPrefixlen;
    boolean shared;

    PoolRow(String id, int ipVersion) {
      super(id);
      this.ipVersion = ipVersion;
    }

    SubnetPool toRecord() {
      return new SubnetPool(
          id,
          name,
          description,
          PROJECT,
          ipVersion,
          prefixes.stream().map(IpPrefix::toString).toList(),
          defaultPrefixlen,
          minPrefixlen,
          maxPrefixlen,
          shared,
          false,
          null,
          List.copyOf(tags),
          revision);
    }
  }

  static final class PortRow extends Row {
    final String networkId;
    String macAddress;
    List<FixedIp> fixedIps = List.of();
    String deviceOwner = "";
    String deviceId = "";
    boolean adminStateUp = true;
    String hostId = "";
    String vnicType = "normal";
    Map<String, Object> profile = Map.of();
    List<AddressPair> allowedAddressPairs = List.of();
    List<String> securityGroups = List.of();
    String dnsName = "";
    boolean portSecurityEnabled = true;

    PortRow(String id, String networkId) {
      super(id);
      this.networkId = networkId;
    }

    boolean isBound() {
      return !hostId.isEmpty();
    }

    Port toRecord(boolean boundPortsUp, TrunkDetails trunkDetails) {
      return new Port(
          id,
          name,
          description,
          networkId,
          PROJECT,
          macAddress,
          fixedIps,
          deviceOwner,
          deviceId,
          isBound() && boundPortsUp ? "ACTIVE" : "DOWN",
          adminStateUp,
          hostId,
          isBound() ? "ovs" : "unbound",
          isBound() ? OVS_DETAILS : Map.of(),
          vnicType,
          profile,
          allowedAddressPairs,
          securityGroups,
          dnsName,
          List.of(),
          portSecurityEnabled,
          List.copyOf(tags),
          revision,
          trunkDetails);
    }

    private static final Map<String, Object> OVS_DETAILS =
        Map.of("port_filter", true, "connectivity", "l2");
  }

  static final class TrunkRow extends Row {
    final String portId;
    boolean adminStateUp = true;
    final List<SubPort> subports = new ArrayList<>();

    TrunkRow(String id, String portId) {
      super(id);
      this.portId = portId;
    }

    Optional<SubPort> subport(String portId) {
      return subports.stream().filter(s -> s.portId().equals(portId)).findFirst();
    }

    Trunk toRecord() {
      return new Trunk(
          id,
          name,
          description,
          PROJECT,
          portId,
          "ACTIVE",
          adminStateUp,
          List.copyOf(subports),
          List.copyOf(tags),
          revision);
    }
  }
}
