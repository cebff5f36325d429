package org.openstack.kuryr.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openstack.kuryr.neutron.FixedIp;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;
import org.openstack.kuryr.neutron.PortRequest;

/**
 * A network namespace a test plugs into the bed, standing for a machine that is not a container: an
 * "outside" host on the external network's bridge, or a VM with a Neutron port of its own. The test
 * owns it; {@link #close()} removes the namespace, its veth and its Neutron port.
 */
final class Namespace implements AutoCloseable {
  private static final Duration COMMAND = Duration.ofSeconds(20);

  private final String name;
  private final String hostVeth;
  private final String bridge;
  private final NeutronClient neutron;
  private final String portId;

  private Namespace(
      String name, String hostVeth, String bridge, NeutronClient neutron, String portId) {
    this.name = name;
    this.hostVeth = hostVeth;
    this.bridge = bridge;
    this.neutron = neutron;
    this.portId = portId;
  }

  /**
   * A host on the external network {@code public}: a plain port of {@code br-ex}, the bed's flat
   * provider bridge, with an address outside Neutron's allocation pool.
   *
   * @param name the namespace's name, at most 11 characters (devices get suffixes)
   * @param cidr its address with prefix, e.g. {@code 203.0.113.231/24}
   */
  static Namespace outside(String name, String cidr) {
    var namespace = new Namespace(name, name + "-h", "br-ex", null, null);
    try {
      namespace.plug(Map.of());
      namespace.configure(null, cidr, 1500, null);
      return namespace;
    } catch (RuntimeException | AssertionError e) {
      namespace.close();
      throw e;
    }
  }

  /**
   * A VM on a Neutron network: a port of its own, bound to this host and plugged into {@code
   * br-int} the way Nova's OVS plugging does, without port security.
   */
  static Namespace vm(
      String name, NeutronClient neutron, String networkId, int mtu, String gateway, int prefix) {
    Port port =
        neutron
            .ports()
            .create(
                PortRequest.builder()
                    .name(name)
                    .networkId(networkId)
                    .deviceOwner("compute:" + name)
                    .deviceId(name)
                    .bindingHostId(hostName())
                    .portSecurityEnabled(false)
                    .build());
    var namespace = new Namespace(name, name + "-h", "br-int", neutron, port.id());
    try {
      namespace.plug(
          Map.of(
              "iface-id", port.id(),
              "attached-mac", port.macAddress(),
              "iface-status", "active"));
      FixedIp ip = port.fixedIps().getFirst();
      namespace.configure(port.macAddress(), ip.ipAddress() + "/" + prefix, mtu, gateway);
      namespace.awaitActive();
      return namespace;
    } catch (RuntimeException | AssertionError e) {
      namespace.close();
      throw e;
    }
  }

  // The bed binds ports to the name OVN's chassis has, which Open vSwitch records.
  private static String hostName() {
    return sh("ovs-vsctl", "get", "Open_vSwitch", ".", "external_ids:hostname").replace("\"", "");
  }

  private void plug(Map<String, String> externalIds) {
    sh("ip", "netns", "add", name);
    sh("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", name + "-n");
    sh("ip", "link", "set", name + "-n", "netns", name);
    var addPort = new ArrayList<>(List.of("ovs-vsctl", "add-port", bridge, hostVeth));
    if (!externalIds.isEmpty()) {
      addPort.addAll(List.of("--", "set", "Interface", hostVeth));
      externalIds.forEach((key, value) -> addPort.add("external_ids:" + key + "=" + value));
    }
    sh(addPort.toArray(String[]::new));
    sh("ip", "link", "set", hostVeth, "up");
  }

  // The userspace datapath drops packets whose checksums the veth left to offload.
  private void configure(String mac, String cidr, int mtu, String gateway) {
    String device = name + "-n";
    exec("ip", "link", "set", "lo", "up");
    if (mac != null) {
      exec("ip", "link", "set", device, "address", mac);
    }
    exec("ip", "link", "set", device, "mtu", String.valueOf(mtu));
    exec("ip", "link", "set", device, "up");
    exec("ip", "addr", "add", cidr, "dev", device);
    if (gateway != null) {
      exec("ip", "route", "add", "default", "via", gateway);
    }
    exec("ethtool", "-K", device, "tx", "off");
  }

  private void awaitActive() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!neutron.ports().get(portId).isActive()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("port " + portId + " of namespace " + name + " is not ACTIVE");
      }
      pause(Duration.ofMillis(200));
    }
  }

  /** Runs a command in the namespace; it must succeed. */
  String exec(String... command) {
    return sh(inside(command));
  }

  /** Runs a command in the namespace, failed or not. */
  Shell.Result tryExec(String... command) {
    return Shell.exec(COMMAND, inside(command));
  }

  private String[] inside(String... command) {
    var argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
    argv.addAll(List.of(command));
    return argv.toArray(String[]::new);
  }

  private static String sh(String... argv) {
    return Shell.run(COMMAND, argv);
  }

  static void pause(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    Shell.exec(COMMAND, "ovs-vsctl", "--if-exists", "del-port", bridge, hostVeth);
    Shell.exec(COMMAND, "ip", "link", "del", hostVeth);
    Shell.exec(COMMAND, "ip", "netns", "del", name);
    if (portId != null) {
      neutron.ports().delete(portId);
    }
  }
}
