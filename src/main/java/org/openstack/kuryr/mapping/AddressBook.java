package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.Port;

/**
 * The ports behind the addresses IPAM handed out, by subnet and address, from the reservation until
 * Docker releases the address: Docker names the endpoint only after asking for its address, and
 * releases the address after deleting the endpoint. Saves looking the port up again on either side;
 * after a restart, lookups go to Neutron.
 *
 * <p>A port with two addresses (dual stack) goes with the release of the first; the second release
 * then finds the address marked as gone rather than a port.
 *
 * <p>Thread-safe.
 */
final class AddressBook {
  /** A port, or {@code null} for an address whose port was released with another address. */
  private record Entry(Port port) {}

  private static final Entry RELEASED = new Entry(null);

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  private static String key(String subnetId, InetAddress address) {
    return subnetId + "|" + Cidr.format(address);
  }

  void put(String subnetId, InetAddress address, Port port) {
    entries.put(key(subnetId, address), new Entry(port));
  }

  /** The port reserved for the address, while it is not released. */
  Optional<Port> find(String subnetId, InetAddress address) {
    Entry entry = entries.get(key(subnetId, address));
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.port());
  }

  /** Keeps the port, as last read or updated, under every address it holds. */
  void update(Port port) {
    for (FixedIp ip : port.fixedIps()) {
      put(ip.subnetId(), Cidr.parseAddress(ip.ipAddress()), port);
    }
  }

  /**
   * Takes the port of an address being released. Its other addresses are marked released.
   *
   * @return the port; empty when the book does not know the address or its port went already
   */
  Optional<Port> take(String subnetId, InetAddress address) {
    Entry entry = entries.remove(key(subnetId, address));
    if (entry == null || entry.port() == null) {
      return Optional.empty();
    }
    String portId = entry.port().id();
    entries.replaceAll((k, e) -> e.port() != null && e.port().id().equals(portId) ? RELEASED : e);
    return Optional.of(entry.port());
  }

  /** Whether the address's port was released with another of its addresses. */
  boolean releasedWithAnother(String subnetId, InetAddress address) {
    return entries.remove(key(subnetId, address), RELEASED);
  }

  /** Forgets a port under every address it was kept for. */
  void forget(String portId) {
    entries.values().removeIf(e -> e.port() != null && e.port().id().equals(portId));
  }
}
