package org.openstack.kuryr.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The docker CLI against the test bed's dockerd. */
final class Docker {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private Docker() {}

  /** Runs {@code docker args...}; it must succeed. */
  static String docker(String... args) {
    return Shell.run(TIMEOUT, argv(args));
  }

  /** Runs {@code docker args...} and returns the result, failed or not. */
  static Shell.Result tryDocker(String... args) {
    return Shell.exec(TIMEOUT, argv(args));
  }

  private static String[] argv(String... args) {
    var argv = new ArrayList<String>();
    argv.add("docker");
    argv.addAll(List.of(args));
    return argv.toArray(String[]::new);
  }

  /** The container's address on a network. */
  static String ipv4(String container, String network) {
    return docker(
        "inspect",
        "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}",
        container);
  }

  static String ipv6(String container, String network) {
    return docker(
        "inspect",
        "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").GlobalIPv6Address}}",
        container);
  }

  static String mac(String container, String network) {
    return docker(
        "inspect",
        "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").MacAddress}}",
        container);
  }

  static String networkId(String network) {
    return docker("network", "inspect", "-f", "{{.Id}}", network);
  }

  /** Removes containers and networks, ignoring those already gone. */
  static void removeQuietly(List<String> containers, List<String> networks) {
    for (String container : containers) {
      tryDocker("rm", "-f", container);
    }
    for (String network : networks) {
      tryDocker("network", "rm", network);
    }
  }
}
