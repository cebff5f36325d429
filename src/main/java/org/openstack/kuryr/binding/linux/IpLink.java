package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstack.kuryr.host.Command;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.CommandRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Link operations through iproute2's {@code ip}, each in as few executions as the kernel allows.
 *
 * <p>Thread-safe.
 */
final class IpLink {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CommandRunner runner;
  private final Duration timeout;

  IpLink(CommandRunner runner, Duration timeout) {
    this.runner = runner;
    this.timeout = timeout;
  }

  /**
   * Creates a veth pair with its addresses, MTU and master in one execution.
   *
   * @return false if a device of one of the two names exists already
   */
  boolean createVeth(VethPair pair) {
    return createVeth(pair, null);
  }

  /**
   * Creates a veth pair whose host end is created directly in another network namespace, up, and
   * whose peer stays in this one; one execution.
   *
   * @param hostNamespace the host end's namespace: a process ID or a name under {@code /run/netns};
   *     {@code null} for this namespace
   * @return false if a device of one of the two names exists already
   */
  boolean createVeth(VethPair pair, String hostNamespace) {
    List<String> argv = new ArrayList<>(List.of("ip", "link", "add", pair.hostName()));
    if (pair.master() != null) {
      argv.addAll(List.of("master", pair.master()));
    }
    String mtu = Integer.toString(pair.mtu());
    argv.addAll(List.of("mtu", mtu));
    if (hostNamespace != null) {
      argv.addAll(List.of("netns", hostNamespace));
    }
    // The peer cannot be brought up in the same request: the kernel refuses to open a veth end
    // before its peer is linked to it (ENOTCONN).
    argv.addAll(List.of("up", "type", "veth", "peer", "name", pair.peerName()));
    if (pair.peerMacAddress() != null) {
      argv.addAll(List.of("address", pair.peerMacAddress()));
    }
    argv.addAll(List.of("mtu", mtu));
    return runCreate(argv);
  }

  /**
   * Creates a Linux bridge, up.
   *
   * @return false if a device of that name exists already
   */
  boolean createBridge(String name) {
    return runCreate(List.of("ip", "link", "add", "name", name, "up", "type", "bridge"));
  }

  /**
   * Creates a VLAN device on its parent interface.
   *
   * @return false if a device of that name exists already
   */
  boolean createVlan(VlanDevice device) {
    List<String> argv =
        upperDevice(device.parentInterface(), device.name(), device.macAddress(), device.mtu());
    argv.addAll(List.of("type", "vlan", "id", Integer.toString(device.vlanId())));
    return runCreate(argv);
  }

  /**
   * Creates a macvlan device in bridge mode on {@code parent}.
   *
   * @return false if a device of that name exists already
   */
  boolean createMacvlan(String parent, String name, String macAddress, int mtu) {
    List<String> argv = upperDevice(parent, name, macAddress, mtu);
    argv.addAll(List.of("type", "macvlan", "mode", "bridge"));
    return runCreate(argv);
  }

  /**
   * Brings an existing veth pair to the settings of {@code pair}, in one execution.
   *
   * @param peerHere whether the peer is in this namespace; if not, only the host end is set
   */
  void reconcileVeth(VethPair pair, boolean peerHere) {
    String mtu = Integer.toString(pair.mtu());
    List<String> lines = new ArrayList<>();
    lines.add(
        "link set dev "
            + pair.hostName()
            + (pair.master() == null ? "" : " master " + pair.master())
            + " mtu "
            + mtu
            + " up");
    if (peerHere) {
      lines.add(
          "link set dev "
              + pair.peerName()
              + (pair.peerMacAddress() == null ? "" : " address " + pair.peerMacAddress())
              + " mtu "
              + mtu);
    }
    batch(lines);
  }

  /** Sets the MAC address and MTU of an existing device. */
  void setAddressAndMtu(String name, String macAddress, int mtu) {
    batch(List.of("link set dev " + name + " address " + macAddress + " mtu " + mtu));
  }

  /** Brings a device up. */
  void setUp(String name) {
    runner.run(Command.of(timeout, "ip", "link", "set", "dev", name, "up"));
  }

  /** Runs {@code ip} commands (without the leading {@code ip}) in one execution. */
  void batch(List<String> lines) {
    runner.run(Command.of(timeout, "ip", "-batch", "-").withStdin(joinLines(lines)));
  }

  /** The device named {@code name}, if it exists in this namespace. */
  Optional<LinkState> show(String name) {
    try {
      String json = run("ip", "-json", "-details", "link", "show", "dev", name);
      return parse(json).stream().findFirst();
    } catch (CommandFailedException e) {
      if (e.stderr().contains("does not exist")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every device in this namespace. */
  List<LinkState> list() {
    return parse(run("ip", "-json", "-details", "link", "show"));
  }

  /**
   * Deletes the devices that exist among {@code names}, in one execution. Deleting one end of a
   * veth pair deletes both, so a pair may be listed by both names.
   */
  void ensureAbsent(List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<String> lines = names.stream().map(name -> "link del dev " + name).toList();
    try {
      // -force: go on after a line fails, so that one missing device does not keep the others.
      runner.run(Command.of(timeout, "ip", "-force", "-batch", "-").withStdin(joinLines(lines)));
    } catch (CommandFailedException e) {
      if (!onlyMissingDevices(e.stderr())) {
        throw e;
      }
    }
  }

  /** The start of an {@code ip link add} for a device stacked on {@code parent}. */
  private static List<String> upperDevice(String parent, String name, String mac, int mtu) {
    List<String> argv = new ArrayList<>(List.of("ip", "link", "add", "link", parent));
    argv.addAll(List.of("name", name, "address", mac, "mtu", Integer.toString(mtu)));
    return argv;
  }

  private boolean runCreate(List<String> argv) {
    try {
      runner.run(Command.of(timeout, argv));
      return true;
    } catch (CommandFailedException e) {
      if (e.stderr().contains("File exists")) {
        return false;
      }
      throw e;
    }
  }

  private String run(String... argv) {
    return runner.run(Command.of(timeout, argv)).stdout();
  }

  private static List<LinkState> parse(String json) {
    JsonNode links = JSON.readTree(json);
    return links.values().stream().map(LinkState::fromJson).toList();
  }

  private static String joinLines(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  /** Whether every error of an {@code ip -force -batch} run was a device that does not exist. */
  private static boolean onlyMissingDevices(String stderr) {
    List<String> errors = stderr.lines().filter(line -> !line.isBlank()).toList();
    return errors.stream().anyMatch(line -> line.startsWith("Cannot find device"))
        && errors.stream()
            .allMatch(
                line -> line.startsWith("Cannot find device") || line.startsWith("Command failed"));
  }
}
