package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.OvsAttachment;
import org.openstack.kuryr.host.Command;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.CommandRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open vSwitch database operations through {@code ovs-vsctl}, one transaction per operation.
 *
 * <p>Every call passes {@code --timeout}, so that ovs-vsctl gives up by itself (with a clear exit
 * status) before the process timeout kills it; a missing or stuck ovsdb-server therefore costs a
 * bounded time.
 *
 * <p>Thread-safe.
 */
final class OvsVsctl {
  /** Value of {@code external_ids:owner} on interfaces that kuryr attached. */
  static final String OWNER = "kuryr";

  /** ovs-vsctl's exit status when its own {@code --timeout} expired (128 + SIGALRM). */
  private static final int EXIT_ALARM = 142;

  /** Headroom for ovs-vsctl to notice its own timeout before the process is killed. */
  private static final Duration KILL_MARGIN = Duration.ofSeconds(2);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> NO_OPTIONS = List.of();
  private static final List<String> JSON_NAMES_AND_IDS =
      List.of("--format=json", "--data=json", "--columns=name,external_ids");

  private final CommandRunner runner;
  private final Duration commandTimeout;

  OvsVsctl(CommandRunner runner, Duration commandTimeout) {
    this.runner = runner;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Adds {@code iface} to {@code bridge}, or keeps it if it is there already, and sets its external
   * IDs, in one transaction.
   */
  void addPort(String bridge, String iface, SequencedMap<String, String> externalIds) {
    List<String> setIds = new ArrayList<>(List.of("set", "Interface", iface));
    externalIds.forEach((key, value) -> setIds.add("external_ids:" + key + "=" + value));
    List<String> addPort = List.of("--may-exist", "add-port", bridge, iface);
    runner.run(vsctl(commandTimeout, NO_OPTIONS, List.of(addPort, setIds)));
  }

  /** Adds {@code port} to {@code bridge} as an access port of VLAN {@code tag}. */
  void addAccessPort(String bridge, String port, int tag) {
    List<String> addPort = List.of("--may-exist", "add-port", bridge, port);
    List<String> setTag = List.of("set", "Port", port, "tag=" + tag);
    runner.run(vsctl(commandTimeout, NO_OPTIONS, List.of(addPort, setTag)));
  }

  /** Removes those of {@code ports} that exist, from whatever bridge holds them. */
  void ensurePortsAbsent(List<String> ports) {
    List<List<String>> deletions =
        ports.stream().map(port -> List.of("--if-exists", "del-port", port)).toList();
    runner.run(vsctl(commandTimeout, NO_OPTIONS, deletions));
  }

  /**
   * Waits up to {@code wait} (rounded up to whole seconds) for ovn-controller to mark {@code iface}
   * {@code ovn-installed}, which it does once the interface's flows are in.
   *
   * <p>One execution and no polling: ovs-vsctl's {@code wait-until} watches the database. It is
   * preceded by a read of {@code ovn-remote}, which fails at once on hosts where ovn-controller is
   * not configured, so those do not wait for nothing.
   */
  DataplaneState awaitOvnInstalled(String iface, Duration wait) {
    List<String> readRemote = List.of("get", "Open_vSwitch", ".", "external_ids:ovn-remote");
    List<String> awaitInstalled =
        List.of("wait-until", "Interface", iface, "external_ids:ovn-installed=true");
    try {
      runner.run(vsctl(wait, NO_OPTIONS, List.of(readRemote, awaitInstalled)));
      return DataplaneState.READY;
    } catch (CommandFailedException e) {
      if (e.exitCode() == EXIT_ALARM || e.timedOut()) {
        return DataplaneState.NOT_READY;
      }
      if (e.stderr().contains("no key \"ovn-remote\"")) {
        return DataplaneState.NOT_OBSERVABLE;
      }
      throw e;
    }
  }

  /** The interfaces whose {@code external_ids:owner} is {@value #OWNER}. */
  List<OvsAttachment> findOwned() {
    List<String> find = List.of("find", "Interface", "external_ids:owner=" + OWNER);
    Command command = vsctl(commandTimeout, JSON_NAMES_AND_IDS, List.of(find));
    JsonNode table = JSON.readTree(runner.run(command).stdout());
    return table.path("data").values().stream().map(OvsVsctl::attachment).toList();
  }

  private static OvsAttachment attachment(JsonNode row) {
    Map<String, String> externalIds = new HashMap<>();
    // OVSDB's JSON form of a map is ["map", [[key, value], ...]].
    for (JsonNode pair : row.path(1).path(1).values()) {
      externalIds.put(pair.path(0).asString(), pair.path(1).asString());
    }
    return new OvsAttachment(
        row.path(0).asString(), externalIds.get("iface-id"), externalIds.get("vm-uuid"));
  }

  /**
   * One ovs-vsctl transaction: global options, then each command after a {@code --}, so that
   * command options such as {@code --may-exist} apply to their own command only.
   */
  private static Command vsctl(
      Duration timeout, List<String> options, List<List<String>> commands) {
    long seconds = Math.max(1, timeout.plusMillis(999).toSeconds());
    List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--timeout=" + seconds));
    argv.addAll(options);
    for (List<String> command : commands) {
      argv.add("--");
      argv.addAll(command);
    }
    return Command.of(Duration.ofSeconds(seconds).plus(KILL_MARGIN), argv);
  }
}
