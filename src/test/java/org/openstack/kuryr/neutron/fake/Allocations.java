package org.openstack.kuryr.neutron.fake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet.AllocationPool;
import org.openstack.kuryr.neutron.fake.FakeState.PortRow;
import org.openstack.kuryr.neutron.fake.FakeState.SubnetRow;
import org.openstack.kuryr.neutron.fake.IpPrefix.Address;

/** Fixed IPs of ports: which are taken, which are free, and Neutron's checks on asked ones. */
final class Allocations {
  private final FakeState state;

  Allocations(FakeState state) {
    this.state = state;
  }

  static Address parseAddress(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusal.badRequest("InvalidInput", "'" + text + "' is not a valid IP address");
    }
  }

  /** The whole range but the network address, the IPv4 broadcast and the gateway. */
  static List<AllocationPool> defaultPools(IpPrefix cidr, Address gateway) {
    Address first = cidr.at(BigInteger.ONE);
    Address last = cidr.at(cidr.size().subtract(BigInteger.valueOf(cidr.bits() == 32 ? 2 : 1)));
    if (gateway == null || gateway.compareTo(first) < 0 || gateway.compareTo(last) > 0) {
      return List.of(pool(first, last));
    }
    var pools = new ArrayList<AllocationPool>();
    if (gateway.compareTo(first) > 0) {
      pools.add(pool(first, gateway.plus(-1)));
    }
    if (gateway.compareTo(last) < 0) {
      pools.add(pool(gateway.plus(1), last));
    }
    return List.copyOf(pools);
  }

  private static AllocationPool pool(Address start, Address end) {
    return new AllocationPool(start.toString(), end.toString());
  }

  List<PortRow> portsOnSubnet(String subnetId) {
    return state.ports.values().stream()
        .filter(p -> p.fixedIps.stream().anyMatch(ip -> subnetId.equals(ip.subnetId())))
        .toList();
  }

  static List<FixedIp> without(List<FixedIp> fixedIps, String subnetId) {
    return fixedIps.stream().filter(ip -> !subnetId.equals(ip.subnetId())).toList();
  }

  /**
   * The fixed IPs a create or update asks for, checked and completed as Neutron does: a subnet
   * alone gets a free address, an address alone its subnet. Addresses {@code port} holds already
   * stay its own.
   */
  List<FixedIp> resolve(String networkId, List<Map<String, Object>> asked, PortRow port) {
    var resolved = new ArrayList<FixedIp>();
    for (Map<String, Object> entry : asked) {
      String text = (String) entry.get("ip_address");
      SubnetRow subnet = subnetFor(networkId, (String) entry.get("subnet_id"), text);
      Address address =
          text == null ? free(subnet, resolved) : requireFree(subnet, parseAddress(text), port);
      resolved.add(FixedIp.of(subnet.id, address.toString()));
    }
    return List.copyOf(resolved);
  }

  /** One address from the network's first subnet of each IP version, as Neutron gives. */
  List<FixedIp> defaultFixedIps(String networkId) {
    var resolved = new ArrayList<FixedIp>();
    for (int version : new int[] {4, 6}) {
      state.subnetsOf(networkId).stream()
          .filter(s -> s.cidr.ipVersion() == version)
          .findFirst()
          .ifPresent(s -> resolved.add(FixedIp.of(s.id, free(s, resolved).toString())));
    }
    return List.copyOf(resolved);
  }

  private SubnetRow subnetFor(String networkId, String subnetId, String addressText) {
    if (subnetId != null) {
      SubnetRow subnet = Table.require(state.subnets, subnetId, ResourceKind.SUBNET);
      if (!subnet.networkId.equals(networkId)) {
        throw Refusal.badRequest(
            "InvalidInput", "subnet " + subnetId + " is not on network " + networkId);
      }
      return subnet;
    }
    if (addressText == null) {
      throw Refusal.badRequest("InvalidInput", "a fixed IP needs a subnet or an address");
    }
    Address address = parseAddress(addressText);
    return state.subnetsOf(networkId).stream()
        .filter(s -> s.cidr.contains(address) && !isEdge(s, address))
        .findFirst()
        .orElseThrow(
            () ->
                Refusal.badRequest(
                    "InvalidIpForNetwork", "IP address " + addressText + " is on no subnet"));
  }

  // Any address of the subnet may be asked for, inside its allocation pools or not, but not the
  // network address or the IPv4 broadcast.
  private Address requireFree(SubnetRow subnet, Address address, PortRow asking) {
    if (!subnet.cidr.contains(address) || isEdge(subnet, address)) {
      throw Refusal.badRequest(
          "InvalidIpForSubnet", "IP address " + address + " is not a valid IP for the subnet");
    }
    Optional<PortRow> holder =
        portsOnSubnet(subnet.id).stream()
            .filter(p -> p != asking && holds(p, subnet.id, address))
            .findFirst();
    if (holder.isPresent()) {
      throw Refusal.conflict(
          "IpAddressAlreadyAllocated",
          "IP address "
              + address
              + " already allocated in subnet "
              + subnet.id
              + " (port "
              + holder.get().id
              + ")");
    }
    return address;
  }

  private static boolean isEdge(SubnetRow subnet, Address address) {
    return address.value().equals(subnet.cidr.network())
        || (subnet.cidr.bits() == 32 && address.value().equals(subnet.cidr.last()));
  }

  private static boolean holds(PortRow port, String subnetId, Address address) {
    return port.fixedIps.stream()
        .anyMatch(
            ip -> subnetId.equals(ip.subnetId()) && parseAddress(ip.ipAddress()).equals(address));
  }

  private Address free(SubnetRow subnet, List<FixedIp> alsoTaken) {
    Set<Address> used =
        portsOnSubnet(subnet.id).stream()
            .flatMap(p -> p.fixedIps.stream())
            .filter(ip -> subnet.id.equals(ip.subnetId()))
            .map(ip -> parseAddress(ip.ipAddress()))
            .collect(Collectors.toSet());
    alsoTaken.forEach(ip -> used.add(parseAddress(ip.ipAddress())));
    for (AllocationPool pool : subnet.allocationPools) {
      Address end = parseAddress(pool.end());
      for (Address a = parseAddress(pool.start()); a.compareTo(end) <= 0; a = a.plus(1)) {
        if (!used.contains(a)) {
          return a;
        }
      }
    }
    throw Refusal.conflict(
        "IpAddressGenerationFailure", "No more IP addresses available on subnet " + subnet.id);
  }

  // With OVN, each network has one metadata port, holding an address on every subnet with DHCP.
  void giveMetadataPortAnAddress(SubnetRow subnet) {
    state.portsOn(subnet.networkId).stream()
        .filter(p -> FakeState.METADATA_OWNER.equals(p.deviceOwner))
        .findFirst()
        .ifPresent(
            port -> {
              var fixedIps = new ArrayList<>(port.fixedIps);
              fixedIps.add(FixedIp.of(subnet.id, free(subnet, List.of()).toString()));
              port.fixedIps = List.copyOf(fixedIps);
            });
  }
}
