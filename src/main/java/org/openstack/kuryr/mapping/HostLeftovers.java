package org.openstack.kuryr.mapping;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openstack.kuryr.binding.BindingException;
import org.openstack.kuryr.binding.BindingInventory;
import org.openstack.kuryr.binding.OvsAttachment;
import org.openstack.kuryr.error.KuryrException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;

/**
 * Removes what a daemon that stopped abruptly left plugged on this host: the Open vSwitch ports and
 * veths of Neutron ports that no container uses any more (the port is gone from Neutron, released,
 * or free in a pool). A port an endpoint still claims keeps its device: Docker may still have the
 * container.
 *
 * <p>Run at start, before the plugin API attaches anything, so that no device being plugged is
 * mistaken for a leftover. Only this daemon may plug kuryr devices into this host's bridge.
 */
public final class HostLeftovers {
  private static final Logger LOG = Logger.getLogger(HostLeftovers.class.getName());

  private HostLeftovers() {}

  /**
   * Removes the leftovers it finds; a failure is logged, never thrown: the daemon serves without
   * this cleanup.
   *
   * @return how many OVS interfaces were removed
   */
  public static int remove(NeutronClient neutron, BindingInventory inventory) {
    try {
      List<OvsAttachment> plugged = inventory.ovsAttachments();
      if (plugged.isEmpty()) {
        return 0;
      }
      Map<String, Port> ports = portsById(neutron, plugged);
      int removed = 0;
      for (OvsAttachment attachment : plugged) {
        if (attachment.portId() != null && isLeftover(ports.get(attachment.portId()))) {
          inventory.removeOvsAttachment(attachment);
          LOG.info(
              () ->
                  "removed leftover "
                      + attachment.interfaceName()
                      + " of a port no container uses");
          removed++;
        }
      }
      return removed;
    } catch (BindingException | KuryrException e) {
      LOG.warning(() -> "left this host's devices as they are: " + e.getMessage());
      return 0;
    }
  }

  private static Map<String, Port> portsById(NeutronClient neutron, List<OvsAttachment> plugged) {
    List<String> ids =
        plugged.stream().map(OvsAttachment::portId).filter(id -> id != null).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Query query = Query.builder().ids(ids).build();
    return NeutronFailures.call(
            "read the ports plugged into this host", () -> neutron.ports().list(query))
        .stream()
        .collect(Collectors.toMap(Port::id, Function.identity()));
  }

  // Gone, released, or free in a pool: no endpoint claims it.
  static boolean isLeftover(Port port) {
    if (port == null) {
      return true;
    }
    var state = PortPool.PoolPortState.of(port);
    return state == PortPool.PoolPortState.FREE || port.tags().contains(KuryrTags.RELEASED_PORT);
  }
}
