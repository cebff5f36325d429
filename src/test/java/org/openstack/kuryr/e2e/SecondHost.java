package org.openstack.kuryr.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test bed's second Docker host ({@code bed/host2.sh}): a network namespace with its own Open
 * vSwitch, OVN chassis and dockerd, reached from this host over a Geneve underlay. Tests bring it
 * up and take it down again, while holding the turn on Docker's plugin socket (through the first
 * host's {@link KuryrDaemon}), so that concurrent test runs do not share it.
 */
final class SecondHost implements AutoCloseable {
  /** The host's name: its chassis, and the {@code binding:host_id} of its ports. */
  static final String NAME = "kuryr-host2";

  static final Path PLUGIN_SOCKET = Path.of("/run/kuryr-host2/plugins/kuryr.sock");

  /** This host's end of the underlay, where Geneve packets between the hosts pass. */
  static final String UNDERLAY_INTERFACE = "kh2-ul0";

  static final String FIRST_HOST_TUNNEL_IP = "10.255.77.1";
  static final String SECOND_HOST_TUNNEL_IP = "10.255.77.2";

  private static final String SCRIPT = "bed/host2.sh";
  private static final String NETNS = "/run/netns/" + NAME;
  private static final String OVS_RUNDIR = "/run/kuryr-host2/ovs";
  private static final String DOCKER_HOST = "unix:///run/kuryr-host2/docker.sock";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private SecondHost() {}

  /**
   * Brings the second host up (it fails, with the script's reason, when the bed is not up).
   *
   * @throws AssertionError when it cannot be brought up
   */
  static SecondHost up() {
    Shell.run(Duration.ofMinutes(3), SCRIPT, "up");
    return new SecondHost();
  }

  /** How a process is started on this host: in its network namespace. */
  List<String> launcher() {
    return List.of("nsenter", "--net=" + NETNS);
  }

  /** The environment of a process on this host: its own Open vSwitch and OVN run directory. */
  Map<String, String> environment() {
    return Map.of("OVS_RUNDIR", OVS_RUNDIR, "OVN_RUNDIR", OVS_RUNDIR);
  }

  /** Runs {@code docker args...} against this host's dockerd; it must succeed. */
  String docker(String... args) {
    return Shell.run(TIMEOUT, argv(args));
  }

  /** Runs {@code docker args...} against this host's dockerd, failed or not. */
  Shell.Result tryDocker(String... args) {
    return Shell.exec(TIMEOUT, argv(args));
  }

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

  /** Removes containers and networks of this host, ignoring those already gone. */
  void removeQuietly(List<String> containers, List<String> networks) {
    for (String container : containers) {
      tryDocker("rm", "-f", container);
    }
    for (String network : networks) {
      tryDocker("network", "rm", network);
    }
  }

  private static String[] argv(String... args) {
    var argv = new ArrayList<>(List.of("docker", "-H", DOCKER_HOST));
    argv.addAll(List.of(args));
    return argv.toArray(String[]::new);
  }

  /** Takes the host down again: its daemons, chassis, underlay and namespace. */
  @Override
  public void close() {
    Shell.run(Duration.ofMinutes(2), SCRIPT, "down");
  }
}
