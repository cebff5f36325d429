package org.openstack.kuryr.mapping;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Subnet;

/**
 * The Kuryr ports behind containers' addresses, from reservation to release, in as few Neutron
 * requests on Docker's path as the attachment allows:
 *
 * <ul>
 *   <li>reserved from the {@link PortPool}, or created already bound to this host in the one
 *       request that reserves the address;
 *   <li>claimed by the endpoint with its ID tags, as the original kuryr-libnetwork does: one cheap
 *       request, and what finds the port again after a restart. A port bound ahead of time is not
 *       renamed nor given the endpoint as device, which would take Neutron as long as binding it;
 *   <li>released back to the pool, or tagged {@link KuryrTags#RELEASED_PORT} and deleted in the
 *       background.
 * </ul>
 *
 * <p>Where ports cannot be bound ahead of time (nested modes) they are created unbound and deleted
 * at once on release, since only ports bound to this host are found again at start.
 *
 * <p>Thread-safe.
 */
final class EndpointPorts {
  private static final Logger LOG = Logger.getLogger(EndpointPorts.class.getName());
  private static final String MAC_IN_USE = "MacAddressInUse";

  private final NeutronClient neutron;
  private final Optional<String> prebindHost;
  private final PortPool pool;
  private final PortDeletions deletions;

  /**
   * @param prebindHost the host ports are bound to when created, if the attachment binds them so
   */
  EndpointPorts(
      NeutronClient neutron, Optional<String> prebindHost, PortPool pool, PortDeletions deletions) {
    this.neutron = neutron;
    this.prebindHost = prebindHost;
    this.pool = pool;
    this.deletions = deletions;
  }

  /**
   * A port holding an address on the subnet: {@code address}, or any when empty.
   *
   * @param mac the MAC Docker chose for the endpoint, if it told: the port is then created with it,
   *     since a bound port, such as a pool port, cannot take another MAC. Docker tells when the
   *     IPAM driver required a MAC at the time it activated the plugin: it asks only once per start
   *     of its own. The port for an endpoint's second address family gets a MAC of Neutron's.
   * @throws ConflictException when Neutron cannot give that address, or a port in use holds the MAC
   */
  Port reserve(Subnet subnet, Optional<InetAddress> address, Optional<String> mac) {
    if (address.isEmpty() && mac.isEmpty()) {
      Optional<Port> pooled = pool.take(subnet);
      if (pooled.isPresent()) {
        return pooled.get();
      }
    }
    return create(subnet, address, mac, true);
  }

  // The one request carries what it can: device owner and, where the attachment allows, the
  // binding to this host, which is the slowest part of attaching.
  private Port create(
      Subnet subnet, Optional<InetAddress> address, Optional<String> mac, boolean firstTry) {
    try {
      return neutron.ports().create(request(subnet, address, mac));
    } catch (NeutronException.Conflict e) {
      if (firstTry && mac.isPresent() && MAC_IN_USE.equals(e.neutronType())) {
        return create(subnet, address, macAfterConflict(subnet, address, mac.get(), e), false);
      }
      throw reserveFailed(subnet, address, e.getMessage(), e);
    } catch (NeutronException e) {
      throw NeutronFailures.translate("create port on subnet " + subnet.cidr(), e);
    }
  }

  private PortRequest request(Subnet subnet, Optional<InetAddress> address, Optional<String> mac) {
    FixedIp fixedIp =
        address
            .map(a -> FixedIp.of(subnet.id(), Cidr.format(a)))
            .orElse(FixedIp.onSubnet(subnet.id()));
    var request =
        PortRequest.builder()
            .networkId(subnet.networkId())
            .name(KuryrTags.UNBOUND_PORT_NAME)
            .fixedIps(List.of(fixedIp))
            .deviceOwner(KuryrTags.DEVICE_OWNER)
            .adminStateUp(true);
    prebindHost.ifPresent(request::bindingHostId);
    mac.ifPresent(request::macAddress);
    return request.build();
  }

  /**
   * The MAC to create the port with after Neutron found Docker's MAC in use on the network.
   *
   * <p>An engine that requires a MAC sends the endpoint's with each of its addresses, so on a dual
   * stack network the port of the endpoint's other address family holds it already: this port takes
   * a MAC of Neutron's, since CreateEndpoint folds it into that one anyway. A released port holding
   * the MAC (the same {@code --mac-address} again) is on its way out and goes at once.
   *
   * @throws ConflictException when a port in use holds the MAC
   */
  private Optional<String> macAfterConflict(
      Subnet subnet, Optional<InetAddress> address, String mac, NeutronException inUse) {
    Optional<Port> holder = portWithMac(subnet.networkId(), mac);
    if (holder.isEmpty() || discardIfReleased(holder.get())) {
      return Optional.of(mac);
    }
    if (isOtherFamilyReservation(holder.get(), subnet)) {
      LOG.fine(() -> "MAC " + mac + " is on port " + holder.get().id() + " of the other family");
      return Optional.empty();
    }
    throw reserveFailed(
        subnet, address, "MAC " + mac + " is used by port " + holder.get().id(), inUse);
  }

  private Optional<Port> portWithMac(String networkId, String mac) {
    var query = Query.builder().where("network_id", networkId).where("mac_address", mac).build();
    return NeutronFailures.call("find port with MAC " + mac, () -> neutron.ports().list(query))
        .stream()
        .findFirst();
  }

  // A port reserved on this host for an address of another subnet that no endpoint has claimed
  // yet: the endpoint asking now is the one it was reserved for, Docker asks for one address after
  // the other and names the endpoint only after both.
  private boolean isOtherFamilyReservation(Port port, Subnet subnet) {
    String boundTo = port.bindingHostId() == null ? "" : port.bindingHostId();
    return PortOwnership.of(port) == PortOwnership.KURYR
        && PortPool.PoolPortState.of(port) == PortPool.PoolPortState.NOT_POOLED
        && port.tags().stream().noneMatch(KuryrTags::isIdTag)
        && boundTo.equals(prebindHost.orElse(""))
        && port.fixedIps().stream().noneMatch(ip -> subnet.id().equals(ip.subnetId()));
  }

  private static ConflictException reserveFailed(
      Subnet subnet, Optional<InetAddress> address, String reason, NeutronException cause) {
    return new ConflictException(
        "failed to reserve "
            + address.map(Cidr::format).orElse("an address")
            + " on subnet "
            + subnet.cidr()
            + ": "
            + reason,
        cause);
  }

  /**
   * Records in Neutron that the endpoint uses the port, with the endpoint's ID tags (as the
   * original kuryr-libnetwork does), in one request.
   *
   * @return the port with its new tags
   */
  Port claim(Port port, String endpointId) {
    var tags = new ArrayList<>(port.tags());
    tags.removeIf(t -> KuryrTags.isIdTag(t) || t.equals(KuryrTags.RELEASED_PORT));
    tags.addAll(KuryrTags.idTags(endpointId));
    // Marked Kuryr's in the same request: Neutron rewrites the device owner of a trunk's subport,
    // and the port must still be deleted on release.
    if (PortOwnership.of(port) == PortOwnership.KURYR && !tags.contains(KuryrTags.KURYR_PORT)) {
      tags.add(KuryrTags.KURYR_PORT);
    }
    List<String> stored =
        NeutronFailures.call(
            "tag port " + port.id() + " with endpoint " + NetworkDirectory.shortId(endpointId),
            () -> neutron.tags().replace(ResourceKind.PORT, port.id(), tags));
    return withTags(port, stored);
  }

  /**
   * Gives back a Kuryr port whose address Docker released: to the pool when it has room, else
   * deleted. Either way the endpoint's tags go in this call, so that a restart finds the port in
   * the state it is in; the rest happens in the background.
   *
   * @throws org.openstack.kuryr.error.KuryrException when the port cannot be tagged; it is deleted
   *     in the background all the same
   */
  void release(Port port) {
    boolean backToPool = pool.wantsBack(port);
    if (!backToPool) {
      pool.forget(port.id());
    }
    if (!backToPool && prebindHost.isEmpty()) {
      PortCleanup.delete(neutron, port.id());
      return;
    }
    List<String> tags = List.of(backToPool ? KuryrTags.POOL_PORT : KuryrTags.RELEASED_PORT);
    boolean exists;
    try {
      exists = replaceTags(port, tags);
    } catch (RuntimeException e) {
      // Docker only logs a failed release and never asks again: the port goes, as it would have
      // gone without the pool, where a failed deletion is tried again.
      pool.forget(port.id());
      deletions.delete(port);
      throw e;
    }
    if (backToPool && exists) {
      pool.putBack(withTags(port, tags));
    } else if (!backToPool) {
      deletions.delete(port);
    }
  }

  /**
   * Frees a MAC Docker dictates for an endpoint whose port has another ({@code --mac-address}): a
   * released port holding it, the same MAC given again soon after, is deleted at once rather than
   * in the background, or Neutron would refuse the MAC to the endpoint's port.
   */
  void freeMacOfReleased(String networkId, String mac) {
    portWithMac(networkId, mac).ifPresent(this::discardIfReleased);
  }

  /**
   * Deletes at once a released port found holding an address someone asks for: its deletion is
   * under way (by this daemon or another host's), and the address is free for Docker already.
   *
   * @return whether the port was a released one
   */
  boolean discardIfReleased(Port port) {
    if (!port.tags().contains(KuryrTags.RELEASED_PORT)) {
      return false;
    }
    discard(port);
    return true;
  }

  /**
   * Takes a port found holding an address someone asks for out of this host's pool, if it is a free
   * port there: it is then the endpoint's.
   */
  boolean takeFromPool(Port port) {
    return pool.remove(port);
  }

  /** Deletes a port at once, e.g. to free its address for another port. */
  void discard(Port port) {
    pool.forget(port.id());
    PortCleanup.delete(neutron, port.id());
  }

  /** Whether a port found by its address was already released, or is a free pool port. */
  static boolean alreadyReleased(Port port) {
    return port.tags().contains(KuryrTags.RELEASED_PORT)
        || PortPool.PoolPortState.of(port) == PortPool.PoolPortState.FREE;
  }

  /** Whether the port still exists. */
  private boolean replaceTags(Port port, List<String> tags) {
    try {
      neutron.tags().replace(ResourceKind.PORT, port.id(), tags);
      return true;
    } catch (NeutronException.NotFound gone) {
      LOG.fine(() -> "port " + port.id() + " already gone");
      return false;
    } catch (NeutronException e) {
      throw NeutronFailures.translate("tag port " + port.id() + " as released", e);
    }
  }

  /** The port as it is, with other tags. */
  static Port withTags(Port port, List<String> tags) {
    return new Port(
        port.id(),
        port.name(),
        port.description(),
        port.networkId(),
        port.projectId(),
        port.macAddress(),
        port.fixedIps(),
        port.deviceOwner(),
        port.deviceId(),
        port.status(),
        port.adminStateUp(),
        port.bindingHostId(),
        port.bindingVifType(),
        port.bindingVifDetails(),
        port.bindingVnicType(),
        port.bindingProfile(),
        port.allowedAddressPairs(),
        port.securityGroups(),
        port.dnsName(),
        port.dnsAssignment(),
        port.portSecurityEnabled(),
        tags,
        port.revisionNumber(),
        port.trunkDetails());
  }
}
