package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.openstack.kuryr.neutron.Network;
import org.openstack.kuryr.neutron.Subnet;

/**
 * A Docker network's Neutron side as last read: the network and its subnets. Immutable; a view can
 * be stale, and is refreshed where a lookup misses.
 *
 * @param dockerNetworkId Docker's network ID
 * @param network the Neutron network
 * @param subnets the network's subnets
 * @param existing whether the user brought the network (it is never deleted)
 */
public record NetworkView(
    String dockerNetworkId, Network network, List<Subnet> subnets, boolean existing) {
  private static final int DEFAULT_MTU = 1500;

  /** Copies the subnets. */
  public NetworkView {
    subnets = List.copyOf(subnets);
  }

  /** The Neutron network's ID. */
  public String networkId() {
    return network.id();
  }

  /** The MTU of ports on the network. */
  public int mtu() {
    return network.mtu() == null || network.mtu() <= 0 ? DEFAULT_MTU : network.mtu();
  }

  /** The subnet with this ID. */
  public Optional<Subnet> subnet(String subnetId) {
    return subnets.stream().filter(s -> s.id().equals(subnetId)).findFirst();
  }

  /** The subnet whose range holds {@code address}. */
  public Optional<Subnet> subnetHolding(InetAddress address) {
    return subnets.stream().filter(s -> Cidr.parse(s.cidr()).contains(address)).findFirst();
  }

  /** This view with the subnets replaced. */
  public NetworkView withSubnets(List<Subnet> newSubnets) {
    return new NetworkView(dockerNetworkId, network, newSubnets, existing);
  }
}
