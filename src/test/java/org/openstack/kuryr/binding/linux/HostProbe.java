package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.openstack.kuryr.host.Command;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.CommandRunner;
import org.openstack.kuryr.host.ProcessCommandRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and prepares the real host for integration tests: links, Open vSwitch, scratch bridges and
 * namespaces. Everything it creates is named with a prefix of its own and removed by the tests that
 * use it.
 */
final class HostProbe {
  /** Port and network IDs of the integration tests start with this, and so their devices. */
  static final String ID_MARK = "b1d0";

  static final CommandRunner RUNNER = new ProcessCommandRunner();

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HostProbe() {}

  /** Fails (never skips) when the test bed's Open vSwitch is not running. */
  static void requireOpenVswitch() {
    try {
      run("ovs-vsctl", "--timeout=2", "show");
    } catch (CommandFailedException e) {
      fail("the test bed's Open vSwitch is not running (start the test bed first): " + e);
    }
  }

  static String run(String... argv) {
    return RUNNER.run(Command.of(TIMEOUT, argv)).stdout();
  }

  /** Runs a command, ignoring failure: for cleanup of what may not exist. */
  static void runQuietly(String... argv) {
    try {
      run(argv);
    } catch (CommandFailedException ignored) {
      // Already gone.
    }
  }

  /** A random UUID starting with {@link #ID_MARK}. */
  static String markedId() {
    return ID_MARK + UUID.randomUUID().toString().substring(ID_MARK.length());
  }

  static String randomHex(int digits) {
    byte[] bytes = new byte[(digits + 1) / 2];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, digits);
  }

  /** {@code ip -details} of a link in the host namespace, if it exists. */
  static Optional<JsonNode> link(String name) {
    try {
      return Optional.of(JSON.readTree(run("ip", "-json", "-details", "link", "show", "dev", name)))
          .map(links -> links.path(0));
    } catch (CommandFailedException e) {
      return Optional.empty();
    }
  }

  static boolean linkExists(String name) {
    return link(name).isPresent();
  }

  /** Whether TX checksum offload is off on {@code device} in the host namespace. */
  static boolean txChecksumOff(String device) {
    return offloadListShowsTxOff(run("ethtool", "-k", device));
  }

  /** Whether TX checksum offload is off on {@code device} in namespace {@code netns}. */
  static boolean txChecksumOffIn(String netns, String device) {
    return offloadListShowsTxOff(run("ip", "netns", "exec", netns, "ethtool", "-k", device));
  }

  private static boolean offloadListShowsTxOff(String features) {
    return features.lines().anyMatch(line -> line.equals("tx-checksumming: off"));
  }

  /** A netdev-datapath OVS bridge of this test's own. */
  static String createScratchBridge() {
    String bridge = "ktb-" + randomHex(8);
    run(
        "ovs-vsctl",
        "--timeout=10",
        "add-br",
        bridge,
        "--",
        "set",
        "Bridge",
        bridge,
        "datapath_type=netdev");
    return bridge;
  }

  static void deleteBridge(String bridge) {
    runQuietly("ovs-vsctl", "--timeout=10", "--if-exists", "del-br", bridge);
  }

  /** The OVS ports on {@code bridge}. */
  static List<String> ports(String bridge) {
    return run("ovs-vsctl", "--timeout=10", "list-ports", bridge).lines().toList();
  }

  /** Whether an OVS port of that name exists on any bridge. */
  static boolean ovsPortExists(String port) {
    try {
      run("ovs-vsctl", "--timeout=10", "port-to-br", port);
      return true;
    } catch (CommandFailedException e) {
      return false;
    }
  }

  /** One value of an OVS interface's external_ids, without ovs-vsctl's quotes. */
  static String externalId(String iface, String key) {
    String value =
        run("ovs-vsctl", "--timeout=10", "get", "Interface", iface, "external_ids:" + key);
    return value.strip().replace("\"", "");
  }

  static void deleteLinks(List<String> names) {
    names.forEach(name -> runQuietly("ip", "link", "del", "dev", name));
  }
}
