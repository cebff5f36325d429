package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstack.kuryr.neutron.Port;

/**
 * Ports IPAM reserved, by subnet and address, until their endpoint takes them: Docker asks for an
 * address first and names the endpoint that uses it only afterwards. Saves looking the port up
 * again; after a restart, lookups go to Neutron.
 *
 * <p>Thread-safe.
 */
final class AddressBook {
  private final ConcurrentHashMap<String, Port> ports = new ConcurrentHashMap<>();

  private static String key(String subnetId, InetAddress address) {
    return subnetId + "|" + Cidr.format(address);
  }

  void put(String subnetId, InetAddress address, Port port) {
    ports.put(key(subnetId, address), port);
  }

  Optional<Port> find(String subnetId, InetAddress address) {
    return Optional.ofNullable(ports.get(key(subnetId, address)));
  }

  Optional<Port> take(String subnetId, InetAddress address) {
    return Optional.ofNullable(ports.remove(key(subnetId, address)));
  }

  /** Forgets a port under every address it was kept for. */
  void forget(String portId) {
    ports.values().removeIf(p -> p.id().equals(portId));
  }
}
