package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * The allowed address pairs of the port of the VM this daemon runs in: nested macvlan mode lets
 * each container's addresses through the VM port's anti-spoofing rules with one pair per address.
 *
 * <p>Neutron replaces a port's pairs as a whole, so every change is a read-modify-write. It is sent
 * with the revision it was computed from ({@code If-Match}) and computed again when another writer
 * changed the port in between, so no pair is ever lost; within this daemon the writers take turns,
 * so that they do not make each other retry.
 *
 * <p>Thread-safe.
 */
final class VmAddressPairs {
  private static final Logger LOG = Logger.getLogger(VmAddressPairs.class.getName());
  private static final int ATTEMPTS = 10;

  private final NeutronClient neutron;
  private final String vmPortId;
  private final ReentrantLock turn = new ReentrantLock();

  VmAddressPairs(NeutronClient neutron, String vmPortId) {
    this.neutron = neutron;
    this.vmPortId = vmPortId;
  }

  /**
   * Adds the pairs the VM port lacks.
   *
   * @return the VM port as it is afterwards
   */
  Port add(List<AddressPair> pairs) {
    return update("add address pairs " + pairs + " to", have -> union(have, pairs));
  }

  /** Removes the pairs; pairs already gone are fine. */
  void remove(List<AddressPair> pairs) {
    update("remove address pairs " + pairs + " from", have -> without(have, pairs));
  }

  /** The VM port's pairs as Neutron has them now. */
  List<AddressPair> current() {
    return read().allowedAddressPairs();
  }

  private Port update(String action, UnaryOperator<List<AddressPair>> change) {
    turn.lock();
    try {
      for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
        Optional<Port> done = tryUpdate(action, change, false);
        if (done.isPresent()) {
          return done.get();
        }
      }
      return tryUpdate(action, change, true).orElseThrow();
    } finally {
      turn.unlock();
    }
  }

  // Empty when another writer changed the port since it was read: the change is computed again.
  private Optional<Port> tryUpdate(
      String action, UnaryOperator<List<AddressPair>> change, boolean lastAttempt) {
    Port vmPort = read();
    List<AddressPair> wanted = change.apply(vmPort.allowedAddressPairs());
    if (unchanged(vmPort.allowedAddressPairs(), wanted)) {
      return Optional.of(vmPort);
    }
    try {
      return Optional.of(write(vmPort, wanted));
    } catch (NeutronException.Conflict e) {
      if (!e.isRevisionMismatch() || lastAttempt) {
        throw failure(action, e);
      }
      LOG.fine(() -> "VM port " + vmPortId + " changed meanwhile; reading it again");
      return Optional.empty();
    } catch (NeutronException e) {
      throw failure(action, e);
    }
  }

  private static boolean unchanged(List<AddressPair> have, List<AddressPair> wanted) {
    return have.size() == wanted.size()
        && wanted.stream().allMatch(w -> have.stream().anyMatch(h -> same(h, w)));
  }

  private Port write(Port vmPort, List<AddressPair> pairs) {
    var request = PortRequest.builder().allowedAddressPairs(pairs).build();
    Port updated =
        vmPort.revisionNumber() == null
            ? neutron.ports().update(vmPortId, request)
            : neutron.ports().update(vmPortId, request, vmPort.revisionNumber());
    LOG.info(() -> "VM port " + vmPortId + " address pairs now " + describe(pairs));
    return updated;
  }

  private Port read() {
    return NeutronFailures.call("read VM port " + vmPortId, () -> neutron.ports().get(vmPortId));
  }

  private RuntimeException failure(String action, NeutronException e) {
    String verb = action + " VM port " + vmPortId;
    if ("AllowedAddressPairExhausted".equals(e.neutronType())) {
      return new ConflictException(
          "failed to "
              + verb
              + ": "
              + e.getMessage()
              + " (each container in nested macvlan mode takes a pair: raise Neutron's"
              + " max_allowed_address_pair)",
          e);
    }
    return NeutronFailures.translate(verb, e);
  }

  private static List<AddressPair> union(List<AddressPair> have, List<AddressPair> add) {
    var all = new ArrayList<>(have);
    add.stream().filter(pair -> all.stream().noneMatch(h -> same(h, pair))).forEach(all::add);
    return all;
  }

  private static List<AddressPair> without(List<AddressPair> have, List<AddressPair> remove) {
    return have.stream().filter(h -> remove.stream().noneMatch(r -> same(h, r))).toList();
  }

  /** Whether two pairs are the same: equal addresses (however written) and MAC addresses. */
  static boolean same(AddressPair a, AddressPair b) {
    return sameAddress(a.ipAddress(), b.ipAddress())
        && a.macAddress() != null
        && a.macAddress().equalsIgnoreCase(b.macAddress());
  }

  /** Whether a pair's address (an IP address or a CIDR) is exactly {@code address}. */
  static boolean sameAddress(String pairAddress, String address) {
    if (pairAddress.contains("/") || address.contains("/")) {
      return pairAddress.equalsIgnoreCase(address);
    }
    InetAddress one = Cidr.parseAddress(pairAddress);
    return one.equals(Cidr.parseAddress(address));
  }

  private static String describe(List<AddressPair> pairs) {
    return pairs.stream().map(p -> p.ipAddress() + "/" + p.macAddress()).toList().toString();
  }
}
