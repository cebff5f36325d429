package org.openstack.kuryr.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.AddressPair;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * Nested macvlan mode: the daemon runs in a VM; each container's device is a macvlan on the VM's
 * interface, and its addresses pass the VM port's anti-spoofing rules as allowed address pairs of
 * the VM port. The container still has a Neutron port of its own, never bound: it holds the
 * addresses (IPAM) and puts them into its security groups, whose remote-group rules only know the
 * fixed addresses of member ports.
 *
 * <p>The pairs carry the container's MAC address, which must differ from its Neutron port's: with
 * the port's own MAC, ML2/OVN installs two logical flows with the same match (to the VM port, and
 * to the container port, which it turns into a virtual port) and replies to the container are
 * dropped whenever the second one wins. The container's MAC is the one Docker chose (Docker sets it
 * on the device in the container), or else one derived from the port ID. The container port's
 * status stays {@code DOWN}: nothing tells when the pairs are in effect, so there is nothing to
 * wait for.
 *
 * <p>The Docker network must be the VM port's network: address pairs do not reach other networks.
 *
 * <p>Thread-safe; calls for one endpoint are serialized by the caller.
 */
final class AddressPairAttachment implements PortAttachment {
  private static final Logger LOG = Logger.getLogger(AddressPairAttachment.class.getName());

  private final NeutronClient neutron;
  private final PortBinder binder;
  private final Port vmPort;
  private final VmAddressPairs pairs;
  private final PortServices services;

  AddressPairAttachment(
      NeutronClient neutron, PortBinder binder, Port vmPort, PortServices services) {
    this.neutron = neutron;
    this.binder = binder;
    this.vmPort = vmPort;
    this.pairs = new VmAddressPairs(neutron, vmPort.id());
    this.services = services;
  }

  /**
   * A MAC address for a container when Docker chose none: locally administered, unicast, and the
   * same for the same port ID on every host and after every restart.
   */
  static String derivedMacAddress(String portId) {
    byte[] digest = sha256(portId.getBytes(StandardCharsets.UTF_8));
    // Set the locally-administered bit and clear the multicast bit of the first octet.
    digest[0] = (byte) ((digest[0] & 0xfc) | 0x02);
    return HexFormat.ofDelimiter(":").formatHex(digest, 0, 6);
  }

  @Override
  public EndpointState attach(
      Port reserved, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    requireVmNetwork(view, spec);
    String mac = containerMac(reserved, spec);
    Port port = claim(reserved, fixedIps, view, spec);
    List<AddressPair> added = pairsOf(port, mac);
    try (var rollback = new Rollback("attach port " + port.id() + " by address pairs")) {
      try {
        Port vmNow = pairs.add(added);
        rollback.push("address pairs " + added, () -> pairs.remove(added));
        warnIfDown(vmNow);
        BoundPort bound = boundPort(port, spec.endpointId(), mac, view);
        PluggedInterface plugged = binder.plug(bound);
        rollback.push("plug " + port.id(), () -> binder.unplug(bound));
        rollback.commit();
        return new EndpointState(spec.dockerNetworkId(), spec.endpointId(), port, bound, plugged);
      } catch (BindingException e) {
        throw rollback.fail(HostAttachment.hostFailure("plug port " + port.id(), e));
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  private void requireVmNetwork(NetworkView view, EndpointSpec spec) {
    if (!view.networkId().equals(vmPort.networkId())) {
      throw new InvalidRequestException(
          "failed to attach endpoint "
              + NetworkDirectory.shortId(spec.endpointId())
              + ": in nested macvlan mode containers can only join the VM port's network "
              + vmPort.networkId()
              + ", not network "
              + view.networkId());
    }
  }

  private static String containerMac(Port port, EndpointSpec spec) {
    String mac = spec.macAddress().orElseGet(() -> derivedMacAddress(port.id()));
    if (mac.equalsIgnoreCase(port.macAddress())) {
      throw new InvalidRequestException(
          "failed to attach endpoint "
              + NetworkDirectory.shortId(spec.endpointId())
              + ": MAC address "
              + mac
              + " is its Neutron port's, which nested macvlan mode cannot give a container"
              + " (OVN would drop its replies); choose another one");
    }
    return mac;
  }

  // The device ID finds the endpoint again after a restart; no host: the port is never bound.
  private Port claim(Port port, List<FixedIp> fixedIps, NetworkView view, EndpointSpec spec) {
    var request =
        PortRequest.builder().deviceId(spec.endpointId()).deviceOwner(KuryrTags.DEVICE_OWNER);
    if (PortOwnership.of(port) != PortOwnership.USER) {
      request.name(KuryrTags.portName(spec.endpointId()));
    }
    if (!PortAttachment.hasAddresses(port, fixedIps)) {
      request.fixedIps(fixedIps);
    }
    services.addToBinding(request, port, view, spec);
    return NeutronFailures.call(
        "claim port " + port.id() + " for endpoint " + NetworkDirectory.shortId(spec.endpointId()),
        () -> neutron.ports().update(port.id(), request.build()));
  }

  // The binder gives the device the BoundPort's MAC: the container's, not the port's.
  private static BoundPort boundPort(Port port, String endpointId, String mac, NetworkView view) {
    return new BoundPort(
        port.id(), port.networkId(), endpointId, mac, view.mtu(), "unbound", Map.of(), null);
  }

  private static List<AddressPair> pairsOf(Port port, String mac) {
    return port.fixedIps().stream().map(ip -> new AddressPair(ip.ipAddress(), mac)).toList();
  }

  private void warnIfDown(Port vmNow) {
    if (!vmNow.isActive()) {
      LOG.warning(
          () ->
              "VM port "
                  + vmNow.id()
                  + " is "
                  + vmNow.status()
                  + ": containers in this VM have no network until it is ACTIVE");
    }
  }

  @Override
  public void detach(EndpointState state) {
    try {
      binder.unplug(state.bound());
    } catch (BindingException e) {
      throw HostAttachment.hostFailure("unplug port " + state.port().id(), e);
    }
    pairs.remove(pairsOf(state.port(), state.plugged().containerMacAddress()));
    LOG.fine(() -> "unplugged port " + state.port().id() + " and removed its address pairs");
  }

  // The container's MAC is the one in the VM port's pair for the container's address.
  @Override
  public EndpointState recover(
      String dockerNetworkId, String endpointId, Port port, NetworkView view) {
    String mac =
        pairs.current().stream()
            .filter(
                pair ->
                    port.fixedIps().stream()
                        .anyMatch(
                            ip -> VmAddressPairs.sameAddress(pair.ipAddress(), ip.ipAddress())))
            .map(AddressPair::macAddress)
            .findFirst()
            .orElseGet(() -> derivedMacAddress(port.id()));
    BoundPort bound = boundPort(port, endpointId, mac, view);
    var plugged =
        new PluggedInterface(
            binder.hostDeviceName(port.id()), binder.containerDeviceName(port.id()), mac);
    return new EndpointState(dockerNetworkId, endpointId, port, bound, plugged);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
