package org.openstack.kuryr.daemon;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openstack.kuryr.binding.BindingInventory;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.binding.linux.KernelVlanDeviceFactory;
import org.openstack.kuryr.binding.linux.LinkInterfaces;
import org.openstack.kuryr.binding.linux.LinuxBindingInventory;
import org.openstack.kuryr.binding.linux.NestedMacvlanBinder;
import org.openstack.kuryr.binding.linux.NestedVlanBinder;
import org.openstack.kuryr.binding.linux.OvsAccessPortVlanDeviceFactory;
import org.openstack.kuryr.binding.linux.VethBinder;
import org.openstack.kuryr.binding.linux.VlanDeviceFactory;
import org.openstack.kuryr.config.Config;
import org.openstack.kuryr.config.ConfigException;
import org.openstack.kuryr.config.KuryrOptions;
import org.openstack.kuryr.host.CommandRunner;
import org.openstack.kuryr.mapping.MappingServices;
import org.openstack.kuryr.mapping.MappingSettings;
import org.openstack.kuryr.mapping.NestedMode;
import org.openstack.kuryr.mapping.ServiceSettings;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;

/**
 * The port driver {@code default_port_driver} names: the host binder and the mapping services over
 * it. {@code veth} is a bare metal host; {@code vlan} and {@code nested} run in a VM, which is
 * found first (its Neutron port and its interface).
 */
final class PortDrivers {
  private static final Logger LOG = Logger.getLogger(PortDrivers.class.getName());
  private static final String LOOPBACK_MAC = "00:00:00:00:00:00";
  private static final String ACCESS_PORT_PREFIX = "tvl";

  private PortDrivers() {}

  /**
   * The mapping services of the configured port driver.
   *
   * @throws ConfigException when the driver's settings are wrong, or the VM cannot be found
   */
  static MappingServices services(
      DaemonSettings settings,
      Config config,
      CommandRunner runner,
      NeutronClient neutron,
      MappingSettings mapping,
      ServiceSettings services) {
    BindingSettings binding = bindingSettings(config, runner);
    var wiring = new Wiring(config, runner, neutron, mapping, services);
    return switch (settings.portDriver()) {
      case "vlan" -> nested(NestedMode.VLAN, binding, wiring);
      case "nested" -> nested(NestedMode.MACVLAN, binding, wiring);
      default ->
          MappingServices.create(neutron, new VethBinder(runner, binding), mapping, services);
    };
  }

  /**
   * What kuryr plugged into this host's integration bridge, when the driver plugs there (bare
   * metal); nested modes plug no Open vSwitch port.
   */
  static Optional<BindingInventory> inventory(
      DaemonSettings settings, Config config, CommandRunner runner) {
    if (!settings.portDriver().equals("veth")) {
      return Optional.empty();
    }
    BindingSettings defaults = BindingSettings.defaults();
    var binding =
        new BindingSettings(
            config.get(KuryrOptions.INTEGRATION_BRIDGE),
            false,
            defaults.hostVethPrefix(),
            defaults.containerVethPrefix(),
            config.get(KuryrOptions.COMMAND_TIMEOUT),
            null);
    return Optional.of(new LinuxBindingInventory(runner, binding, true));
  }

  /** What the mapping services are wired from. */
  private record Wiring(
      Config config,
      CommandRunner runner,
      NeutronClient neutron,
      MappingSettings mapping,
      ServiceSettings services) {}

  private static BindingSettings bindingSettings(Config config, CommandRunner runner) {
    String bridge = config.get(KuryrOptions.INTEGRATION_BRIDGE);
    BindingSettings defaults = BindingSettings.defaults();
    return new BindingSettings(
        bridge,
        TxOffload.disable(config.get(KuryrOptions.TX_CHECKSUM_OFFLOAD), bridge, runner),
        defaults.hostVethPrefix(),
        defaults.containerVethPrefix(),
        config.get(KuryrOptions.COMMAND_TIMEOUT),
        null);
  }

  private static MappingServices nested(NestedMode mode, BindingSettings binding, Wiring wiring) {
    Config config = wiring.config();
    VlanDeviceFactory vlanDevices =
        mode == NestedMode.VLAN
            ? vlanDevices(config, wiring.runner(), binding.commandTimeout())
            : null;
    var vm =
        new VmPortLocator(wiring.neutron(), vmInterfaces(binding))
            .locate(
                nonBlank(config.get(KuryrOptions.LINK_IFACE)),
                nonBlank(config.get(KuryrOptions.VM_PORT_ID)));
    String nic = vm.interfaceName();
    PortBinder binder =
        switch (mode) {
          case VLAN -> new NestedVlanBinder(wiring.runner(), binding, nic, vlanDevices);
          case MACVLAN -> new NestedMacvlanBinder(wiring.runner(), binding, nic);
        };
    MappingSettings mapping = inVm(wiring.mapping(), vm.port());
    LOG.info(
        () ->
            "nested "
                + mode.name().toLowerCase(Locale.ROOT)
                + " mode: VM port "
                + vm.port().id()
                + " on network "
                + vm.port().networkId()
                + ", interface "
                + nic
                + ", containers' ports bound to "
                + mapping.hostId());
    return MappingServices.createNested(
        wiring.neutron(), binder, mapping, wiring.services(), mode, vm.port());
  }

  // The daemon binds no port here, but OVN binds a macvlan container's port (as a virtual port of
  // the VM's) to the VM's compute host: that is the host whose ports this daemon may release.
  // Without the admin role binding:host_id is hidden, and then so it is on every port.
  static MappingSettings inVm(MappingSettings mapping, Port vmPort) {
    String computeHost = vmPort.bindingHostId();
    return computeHost == null || computeHost.isBlank() ? mapping : mapping.withHostId(computeHost);
  }

  // Interfaces that may carry the VM's port: container devices carry containers' MACs.
  private static Map<String, String> vmInterfaces(BindingSettings binding) {
    return LinkInterfaces.ofThisHost().macAddresses().entrySet().stream()
        .filter(entry -> !entry.getValue().equals(LOOPBACK_MAC))
        .filter(entry -> !entry.getKey().startsWith(binding.containerVethPrefix()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static VlanDeviceFactory vlanDevices(
      Config config, CommandRunner runner, Duration commandTimeout) {
    if (config.get(KuryrOptions.VLAN_DEVICES).equals("kernel")) {
      return new KernelVlanDeviceFactory(runner, commandTimeout);
    }
    String bridge =
        nonBlank(config.get(KuryrOptions.VLAN_TEST_BRIDGE))
            .orElseThrow(
                () -> new ConfigException("vlan_devices = ovs_access_port needs vlan_test_bridge"));
    LOG.warning(
        () -> "VLAN devices stand-in for test beds: access ports of Open vSwitch bridge " + bridge);
    try {
      return new OvsAccessPortVlanDeviceFactory(
          runner,
          commandTimeout,
          bridge,
          ACCESS_PORT_PREFIX,
          nonBlank(config.get(KuryrOptions.VLAN_TEST_BRIDGE_NETNS)).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid VLAN test bridge settings: " + e.getMessage(), e);
    }
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.of(value.strip()).filter(v -> !v.isEmpty());
  }
}
