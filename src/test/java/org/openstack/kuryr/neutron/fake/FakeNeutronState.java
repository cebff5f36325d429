package org.openstack.kuryr.neutron.fake;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Subnet;
import org.openstack.kuryr.neutron.SubnetPool;
import org.openstack.kuryr.neutron.Trunk;
import org.openstack.kuryr.neutron.transport.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a {@link FakeNeutron} held at one moment, in creation order. States are equal when
 * their resources are, revision numbers aside: a change undone leaves an equal state, though
 * Neutron counts its revisions on. Immutable.
 *
 * @param networks the networks
 * @param subnets the subnets
 * @param subnetPools the subnet pools
 * @param ports the ports, Neutron's own (OVN metadata) included
 * @param trunks the trunks
 */
public record FakeNeutronState(
    List<Network> networks,
    List<Subnet> subnets,
    List<SubnetPool> subnetPools,
    List<Port> ports,
    List<Trunk> trunks) {

  /** Copies the lists. */
  public FakeNeutronState {
    networks = List.copyOf(networks);
    subnets = List.copyOf(subnets);
    subnetPools = List.copyOf(subnetPools);
    ports = List.copyOf(ports);
    trunks = List.copyOf(trunks);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FakeNeutronState that && unrevised().equals(that.unrevised());
  }

  @Override
  public int hashCode() {
    return unrevised().hashCode();
  }

  private List<List<JsonNode>> unrevised() {
    return Stream.of(networks, subnets, subnetPools, ports, trunks)
        .map(List::stream)
        .map(records -> records.map(FakeNeutronState::unrevised).toList())
        .toList();
  }

  private static JsonNode unrevised(Object record) {
    var node = (ObjectNode) Json.parse(Json.write(record));
    node.remove("revision_number");
    return node;
  }

  /** The ports a user or Kuryr made: all but Neutron's own {@code network:*} ports. */
  public List<Port> userPorts() {
    return ports.stream().filter(p -> !p.deviceOwner().startsWith("network:")).toList();
  }

  /** The user ports on one network, in creation order. */
  public List<Port> userPortsOn(String networkId) {
    return userPorts().stream().filter(p -> p.networkId().equals(networkId)).toList();
  }

  public Optional<Network> network(String id) {
    return first(networks, n -> n.id().equals(id));
  }

  public Optional<Subnet> subnet(String id) {
    return first(subnets, s -> s.id().equals(id));
  }

  public Optional<SubnetPool> subnetPool(String id) {
    return first(subnetPools, p -> p.id().equals(id));
  }

  public Optional<Trunk> trunk(String id) {
    return first(trunks, t -> t.id().equals(id));
  }

  public Optional<Port> port(String id) {
    return first(ports, p -> p.id().equals(id));
  }

  /** The user port holding this address, if any. */
  public Optional<Port> portWithAddress(String address) {
    return first(
        userPorts(), p -> p.fixedIps().stream().anyMatch(ip -> ip.ipAddress().equals(address)));
  }

  private static <T> Optional<T> first(List<T> items, Predicate<T> test) {
    return items.stream().filter(test).findFirst();
  }
}
