package org.openstack.kuryr.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A "VM" of the test bed for nested modes, made and removed by {@code bed/vm.sh}: a network
 * namespace whose eth0 is a Neutron port with a trunk, a second network whose ports can be trunked
 * to it, and a dockerd inside. Peers are Neutron ports outside the VM answering TCP 8080 with their
 * name.
 */
final class NestedVm implements AutoCloseable {
  private static final Path SCRIPT = Path.of("bed/vm.sh");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration DOCKER_TIMEOUT = Duration.ofMinutes(5);

  private final String name;
  private final Map<String, String> env;

  private NestedVm(String name, Map<String, String> env) {
    this.name = name;
    this.env = env;
  }

  /** Makes a VM with a fresh name and random /24 networks. */
  static NestedVm up(String namePrefix) {
    String name = namePrefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(), 6);
    int third = ThreadLocalRandom.current().nextInt(1, 250);
    String cidr = "10.87." + third + ".0/24";
    String cidr2 = "10.88." + third + ".0/24";
    try {
      Shell.run(SCRIPT_TIMEOUT, SCRIPT.toString(), "up", name, cidr, cidr2);
      return new NestedVm(name, parse(Shell.run(SCRIPT_TIMEOUT, SCRIPT.toString(), "env", name)));
    } catch (AssertionError e) {
      Shell.exec(SCRIPT_TIMEOUT, SCRIPT.toString(), "down", name);
      throw e;
    }
  }

  private static Map<String, String> parse(String env) {
    Map<String, String> values = new HashMap<>();
    env.lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                values.put(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return Map.copyOf(values);
  }

  String name() {
    return name;
  }

  /**
   * A value of {@code bed/vm.sh env}, e.g. {@code VM_PORT_ID}, {@code TRUNK_ID}, {@code NET2_ID}.
   */
  String get(String key) {
    String value = env.get(key);
    if (value == null) {
      throw new AssertionError("bed/vm.sh env has no " + key);
    }
    return value;
  }

  /** The socket the VM's dockerd finds its kuryr plugin on. */
  Path pluginSocket() {
    return Path.of(get("PLUGIN_DIR"), "kuryr.sock");
  }

  /** A Neutron port outside the VM on {@code networkId}; returns its address. */
  String peer(String peerName, String networkId) {
    return Shell.run(SCRIPT_TIMEOUT, SCRIPT.toString(), "peer", name, peerName, networkId);
  }

  /** The name a peer answers TCP 8080 with. */
  String peerAnswer(String peerName) {
    return name + "-peer-" + peerName;
  }

  /** Starts kuryr in the VM, in {@code portDriver} mode, with the bed's VLAN stand-in. */
  KuryrDaemon startKuryr(Path dir, String portDriver) {
    String config =
        """
        [DEFAULT]
        default_port_driver = %s
        [binding]
        vlan_devices = ovs_access_port
        vlan_test_bridge = %s
        vlan_test_bridge_netns = 1
        """
            .formatted(portDriver, get("VLAN_BRIDGE"));
    return KuryrDaemon.startInVm(dir, get("VM_NETNS"), pluginSocket(), config);
  }

  /** Runs {@code docker args...} against the VM's dockerd; it must succeed. */
  String docker(String... args) {
    return Shell.run(DOCKER_TIMEOUT, argv(args));
  }

  /** Runs {@code docker args...} against the VM's dockerd, failed or not. */
  Shell.Result tryDocker(String... args) {
    return Shell.exec(DOCKER_TIMEOUT, argv(args));
  }

  private String[] argv(String... args) {
    var argv = new ArrayList<>(List.of("docker", "-H", get("DOCKER_HOST")));
    argv.addAll(List.of(args));
    return argv.toArray(String[]::new);
  }

  /** The container's address on a network of the VM's dockerd. */
  String ipv4(String container, String network) {
    return docker(
        "inspect",
        "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}",
        container);
  }

  String mac(String container, String network) {
    return docker(
        "inspect",
        "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").MacAddress}}",
        container);
  }

  /** Removes containers and networks of the VM's dockerd, ignoring those already gone. */
  void removeQuietly(List<String> containers, List<String> networks) {
    if (!containers.isEmpty()) {
      var args = new ArrayList<>(List.of("rm", "-f"));
      args.addAll(containers);
      tryDocker(args.toArray(String[]::new));
    }
    for (String network : networks) {
      tryDocker("network", "rm", network);
    }
  }

  /** Removes the VM and everything in it. */
  @Override
  public void close() {
    Shell.Result down = Shell.exec(SCRIPT_TIMEOUT, SCRIPT.toString(), "down", name);
    if (!down.ok()) {
      throw new AssertionError("bed/vm.sh down " + name + " failed: " + down.stderr());
    }
  }
}
