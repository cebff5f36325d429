package org.openstack.kuryr.daemon;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.Query;

/**
 * Finds, at start in a nested mode, the Neutron port of the VM the daemon runs in and the VM's
 * interface that carries it; they are tied by their MAC address. Either may be configured, and
 * neither needs to be: the VM's interfaces are matched against Neutron's ports by MAC address.
 */
final class VmPortLocator {
  private final NeutronClient neutron;
  private final Map<String, String> interfaceMacs;

  /**
   * @param interfaceMacs the VM's interfaces that may carry its port (no loopback, no container
   *     devices), by name, with their MAC addresses in lower case
   */
  VmPortLocator(NeutronClient neutron, Map<String, String> interfaceMacs) {
    this.neutron = neutron;
    this.interfaceMacs = Map.copyOf(interfaceMacs);
  }

  /**
   * The VM's port and interface.
   *
   * @param configuredInterface {@code [binding] link_iface}, if set
   * @param configuredPortId {@code [binding] vm_port_id}, if set
   * @throws ConfigException when they cannot be found, or not told apart from others
   */
  VmPort locate(Optional<String> configuredInterface, Optional<String> configuredPortId) {
    if (configuredPortId.isPresent()) {
      Port port = portById(configuredPortId.get());
      return new VmPort(port, configuredInterface.orElseGet(() -> interfaceWith(port)));
    }
    if (configuredInterface.isPresent()) {
      String name = configuredInterface.get();
      String mac = interfaceMacs.get(name);
      if (mac == null) {
        throw new ConfigException("link_iface " + name + " is not an interface of this VM");
      }
      return new VmPort(onlyPort(portsWithMacs(List.of(mac)), "interface " + name), name);
    }
    Port port = onlyPort(portsWithMacs(List.copyOf(interfaceMacs.values())), "this VM");
    return new VmPort(port, interfaceWith(port));
  }

  /**
   * The VM's port and the interface carrying it.
   *
   * @param port the port as Neutron has it
   * @param interfaceName the interface's name
   */
  record VmPort(Port port, String interfaceName) {}

  private Port portById(String portId) {
    try {
      return neutron
          .ports()
          .find(portId)
          .orElseThrow(() -> new ConfigException("vm_port_id " + portId + ": no such port"));
    } catch (NeutronException e) {
      throw new ConfigException("failed to read VM port " + portId + ": " + e.getMessage(), e);
    }
  }

  private List<Port> portsWithMacs(List<String> macs) {
    if (macs.isEmpty()) {
      throw new ConfigException("this VM has no interface with a MAC address to find its port by");
    }
    var query = Query.builder();
    macs.forEach(mac -> query.where("mac_address", mac));
    try {
      return neutron.ports().list(query.build());
    } catch (NeutronException e) {
      throw new ConfigException("failed to find the VM's port: " + e.getMessage(), e);
    }
  }

  private static Port onlyPort(List<Port> ports, String owner) {
    if (ports.size() == 1) {
      return ports.getFirst();
    }
    throw new ConfigException(
        "failed to find the Neutron port of "
            + owner
            + ": "
            + (ports.isEmpty()
                ? "no port has its MAC address"
                : ports.size()
                    + " ports have a MAC address of it "
                    + ports.stream().map(Port::id).toList())
            + "; set [binding] vm_port_id");
  }

  private String interfaceWith(Port port) {
    String mac = port.macAddress().toLowerCase(Locale.ROOT);
    List<String> names =
        interfaceMacs.entrySet().stream()
            .filter(entry -> entry.getValue().equals(mac))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (names.size() != 1) {
      throw new ConfigException(
          "failed to find the interface of VM port "
              + port.id()
              + " (MAC address "
              + mac
              + "): "
              + (names.isEmpty() ? "no interface has it" : "several have it " + names)
              + "; set [binding] link_iface");
    }
    return names.getFirst();
  }
}
