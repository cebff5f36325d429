package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.HostWiringException;
import org.openstack.kuryr.binding.LinkNames;
import org.openstack.kuryr.binding.PluggedInterface;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.binding.UnsupportedVifTypeException;
import org.openstack.kuryr.host.CommandRunner;

/**
 * Bare-metal binding: a veth pair per port, whose host end joins the datapath that Neutron bound
 * the port to.
 *
 * <ul>
 *   <li>{@code ovs}: the host end is a port of the integration bridge (ML2/OVN, ML2/OVS), tagged
 *       with the external IDs the OVN controller and the OVS agent match on;
 *   <li>{@code ovs} with {@code ovs_hybrid_plug} (ML2/OVS with the iptables firewall): the host end
 *       joins a per-port Linux bridge {@code qbr…}, linked to the integration bridge by the veth
 *       pair {@code qvb…}/{@code qvo…}, as Nova does for VMs;
 *   <li>{@code bridge} (ML2/linuxbridge): the host end joins the network's bridge {@code brq…}.
 * </ul>
 *
 * <p>The container end gets the port's MAC address and the network's MTU and stays in the host
 * namespace until Docker moves it into the container.
 *
 * <p>Thread-safe and stateless.
 */
public final class VethBinder implements PortBinder {
  private static final Logger LOG = Logger.getLogger(VethBinder.class.getName());

  private final BindingSettings settings;
  private final DeviceNames names;
  private final IpLink ip;
  private final Ethtool ethtool;
  private final OvsVsctl ovs;

  /** A binder that runs its host commands through {@code runner}. */
  public VethBinder(CommandRunner runner, BindingSettings settings) {
    this.settings = settings;
    this.names = DeviceNames.of(settings);
    this.ip = new IpLink(runner, settings.commandTimeout());
    this.ethtool = new Ethtool(runner, settings.commandTimeout());
    this.ovs = new OvsVsctl(runner, settings.commandTimeout());
  }

  @Override
  public PluggedInterface plug(BoundPort port) {
    Wiring wiring = Wiring.of(port);
    Rollback rollback = new Rollback();
    try {
      PluggedInterface plugged =
          switch (wiring) {
            case OVS -> plugOvs(port, rollback);
            case OVS_HYBRID -> plugOvsHybrid(port, rollback);
            case LINUX_BRIDGE -> plugLinuxBridge(port, rollback);
            case VETH_ONLY -> throw new UnsupportedVifTypeException(port.portId(), port.vifType());
          };
      rollback.commit();
      logPlugged(port, plugged, wiring);
      return plugged;
    } catch (RuntimeException e) {
      throw rollback.undoAfter(BindingException.wrap("plug port", port.portId(), e));
    }
  }

  @Override
  public void unplug(BoundPort port) {
    Wiring wiring = Wiring.of(port);
    String ovsInterface = ovsInterface(port, wiring);
    List<String> devices = devices(port, wiring);
    // The veth goes even when Open vSwitch cannot be reached: a port record without its device
    // carries nothing, a device left behind would stay for good.
    RuntimeException failure = null;
    if (ovsInterface != null) {
      try {
        ovs.ensurePortsAbsent(List.of(ovsInterface));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    try {
      ip.ensureAbsent(devices);
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw BindingException.wrap("unplug port", port.portId(), failure);
    }
    LOG.info(() -> "unplugged port " + port.portId() + " (" + String.join(", ", devices) + ")");
  }

  @Override
  public DataplaneState awaitDataplaneReady(BoundPort port, Duration timeout) {
    String ovsInterface = ovsInterface(port, Wiring.of(port));
    if (ovsInterface == null) {
      return DataplaneState.NOT_OBSERVABLE;
    }
    try {
      return ovs.awaitOvnInstalled(ovsInterface, timeout);
    } catch (RuntimeException e) {
      throw BindingException.wrap("check the dataplane of port", port.portId(), e);
    }
  }

  @Override
  public String containerDeviceName(String portId) {
    return names.containerDevice(portId);
  }

  @Override
  public String hostDeviceName(String portId) {
    return names.hostVeth(portId);
  }

  private PluggedInterface plugOvs(BoundPort port, Rollback rollback) {
    VethPair veth = containerVeth(port, null);
    ensureContainerVeth(veth, rollback);
    attachToIntegrationBridge(port, veth.hostName());
    return plugged(veth);
  }

  /**
   * Nova's layout for ML2/OVS with the iptables firewall: the agent applies a port's security
   * groups with iptables on the per-port Linux bridge, since OVS ports bypass iptables.
   */
  private PluggedInterface plugOvsHybrid(BoundPort port, Rollback rollback) {
    String bridge = DeviceNames.hybridBridge(port.portId());
    if (ip.createBridge(bridge)) {
      rollback.push("delete bridge " + bridge, () -> ip.ensureAbsent(List.of(bridge)));
    }

    String ovsVeth = DeviceNames.hybridOvsVeth(port.portId());
    VethPair uplink =
        new VethPair(
            DeviceNames.hybridBridgeVeth(port.portId()), ovsVeth, null, port.mtu(), bridge);
    if (!ensureVeth(uplink, rollback)) {
      throw conflict(uplink, ovsVeth + " is not in this namespace");
    }
    ip.setUp(ovsVeth);

    VethPair veth = containerVeth(port, bridge);
    ensureContainerVeth(veth, rollback);
    attachToIntegrationBridge(port, ovsVeth);
    return plugged(veth);
  }

  private PluggedInterface plugLinuxBridge(BoundPort port, Rollback rollback) {
    String bridge = port.vifDetail(BoundPort.DETAIL_BRIDGE_NAME);
    if (bridge == null) {
      bridge = DeviceNames.linuxBridge(port.networkId());
    }
    LinkNames.requireValid(bridge, "bridge");
    // Never removed, not even on rollback: the bridge is shared by all ports of the network on
    // this host and belongs to the Linux bridge agent, which may be using it already.
    ip.createBridge(bridge);

    VethPair veth = containerVeth(port, bridge);
    ensureContainerVeth(veth, rollback);
    return plugged(veth);
  }

  private VethPair containerVeth(BoundPort port, String master) {
    return new VethPair(
        names.hostVeth(port.portId()),
        names.containerDevice(port.portId()),
        port.macAddress(),
        port.mtu(),
        master);
  }

  private void ensureContainerVeth(VethPair veth, Rollback rollback) {
    boolean containerEndHere = ensureVeth(veth, rollback);
    if (containerEndHere && settings.disableTxChecksumOffload()) {
      ethtool.disableTxChecksum(veth.peerName());
    }
  }

  /**
   * Creates the pair, or brings an existing one to the wanted settings.
   *
   * @return whether the peer is in this namespace (it is not once Docker moved it)
   */
  private boolean ensureVeth(VethPair veth, Rollback rollback) {
    if (ip.createVeth(veth)) {
      // Deleting one end deletes both.
      rollback.push(
          "delete veth " + veth.hostName(), () -> ip.ensureAbsent(List.of(veth.hostName())));
      return true;
    }
    return reconcileVeth(veth);
  }

  private boolean reconcileVeth(VethPair veth) {
    LinkState existing =
        ip.show(veth.hostName())
            .orElseThrow(
                () -> conflict(veth, "device " + veth.peerName() + " exists without its peer"));
    boolean peerHere = veth.peerName().equals(existing.linkName());
    if (!"veth".equals(existing.kind()) || !(peerHere || existing.linkInOtherNamespace())) {
      throw conflict(veth, "device " + veth.hostName() + " exists and is not its veth pair");
    }
    ip.reconcileVeth(veth, peerHere);
    return peerHere;
  }

  private static HostWiringException conflict(VethPair veth, String problem) {
    return new HostWiringException(
        "cannot create veth " + veth.hostName() + "/" + veth.peerName() + ": " + problem, null);
  }

  private void attachToIntegrationBridge(BoundPort port, String iface) {
    String bridge = port.vifDetail(BoundPort.DETAIL_BRIDGE_NAME);
    if (bridge == null) {
      bridge = settings.integrationBridge();
    }
    // The last step of every plug, so no undo is registered: with --may-exist the port may have
    // existed before, and a rollback must not remove what it did not create.
    ovs.addPort(LinkNames.requireValid(bridge, "bridge"), iface, externalIds(port));
  }

  /** What ovn-controller and the OVS agent match the interface to its Neutron port by. */
  private static SequencedMap<String, String> externalIds(BoundPort port) {
    SequencedMap<String, String> ids = new LinkedHashMap<>();
    ids.put("iface-id", port.portId());
    ids.put("attached-mac", port.macAddress());
    ids.put("iface-status", "active");
    ids.put("vm-uuid", port.endpointId());
    ids.put("owner", OvsVsctl.OWNER);
    return ids;
  }

  private static void logPlugged(BoundPort port, PluggedInterface plugged, Wiring wiring) {
    LOG.info(
        () ->
            "plugged port "
                + port.portId()
                + ": "
                + plugged.hostDeviceName()
                + " / "
                + plugged.containerDeviceName()
                + " ("
                + wiring.description
                + ")");
  }

  private static PluggedInterface plugged(VethPair veth) {
    return new PluggedInterface(veth.hostName(), veth.peerName(), veth.peerMacAddress());
  }

  /** The interface plugged into Open vSwitch, or {@code null} if none is. */
  private String ovsInterface(BoundPort port, Wiring wiring) {
    return switch (wiring) {
      case OVS -> names.hostVeth(port.portId());
      case OVS_HYBRID -> DeviceNames.hybridOvsVeth(port.portId());
      case LINUX_BRIDGE, VETH_ONLY -> null;
    };
  }

  /** The devices created for the port; a veth pair is listed by its host end. */
  private List<String> devices(BoundPort port, Wiring wiring) {
    String hostVeth = names.hostVeth(port.portId());
    if (wiring != Wiring.OVS_HYBRID) {
      return List.of(hostVeth);
    }
    return List.of(
        hostVeth,
        DeviceNames.hybridBridgeVeth(port.portId()),
        DeviceNames.hybridBridge(port.portId()));
  }

  /** The host datapath a port's vif type and details call for. */
  private enum Wiring {
    OVS("Open vSwitch"),
    OVS_HYBRID("Open vSwitch, hybrid"),
    LINUX_BRIDGE("Linux bridge"),
    /**
     * A vif type this binder cannot plug. Unplugging such a port still deletes its veth (its
     * binding may have failed after it was plugged), but leaves Open vSwitch alone, since the host
     * may not run it.
     */
    VETH_ONLY("veth only");

    final String description;

    Wiring(String description) {
      this.description = description;
    }

    static Wiring of(BoundPort port) {
      return switch (port.vifType()) {
        case BoundPort.VIF_TYPE_OVS ->
            port.vifDetailFlag(BoundPort.DETAIL_OVS_HYBRID_PLUG) ? OVS_HYBRID : OVS;
        case BoundPort.VIF_TYPE_BRIDGE -> LINUX_BRIDGE;
        default -> VETH_ONLY;
      };
    }
  }
}
