package org.openstack.kuryr.binding.linux;

import java.time.Duration;
import org.openstack.kuryr.host.Command;
import org.openstack.kuryr.host.CommandRunner;

/** Device offload settings through {@code ethtool}. Thread-safe. */
final class Ethtool {
  private final CommandRunner runner;
  private final Duration timeout;

  Ethtool(CommandRunner runner, Duration timeout) {
    this.runner = runner;
    this.timeout = timeout;
  }

  /**
   * Turns TX checksum offload off. The setting stays with the device when Docker moves it into the
   * container's namespace.
   */
  void disableTxChecksum(String device) {
    runner.run(Command.of(timeout, "ethtool", "-K", device, "tx", "off"));
  }
}
