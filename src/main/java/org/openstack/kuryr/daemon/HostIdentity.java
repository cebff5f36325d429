package org.openstack.kuryr.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.host.Command;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.CommandRunner;

/**
 * The name ports are bound to on this host. It must be the name Neutron's agent, or OVN's chassis,
 * uses for the host: a fully qualified name where they use a short one leaves every port unbound.
 */
final class HostIdentity {
  private static final Logger LOG = Logger.getLogger(HostIdentity.class.getName());
  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

  private HostIdentity() {}

  /**
   * The configured name, else the one Open vSwitch records for OVN ({@code external_ids:hostname}),
   * else the kernel's host name.
   */
  static String resolve(String configured, CommandRunner runner) {
    if (!configured.isBlank()) {
      return announce(configured.strip(), "[DEFAULT] host");
    }
    Optional<String> fromOvs = fromOpenVswitch(runner);
    if (fromOvs.isPresent()) {
      return announce(fromOvs.get(), "Open vSwitch external_ids:hostname");
    }
    return announce(fromKernel().orElse("localhost"), "the kernel's host name");
  }

  // Where the name came from matters on hosts running several chassis or agents (and so several
  // Open vSwitch databases, told apart by OVS_RUNDIR): a wrong name leaves every port unbound.
  private static String announce(String hostId, String source) {
    LOG.info(() -> "ports are bound to host " + hostId + " (from " + source + ")");
    return hostId;
  }

  private static Optional<String> fromOpenVswitch(CommandRunner runner) {
    try {
      String value =
          runner
              .run(
                  Command.of(
                      Duration.ofSeconds(3),
                      "ovs-vsctl",
                      "--timeout=2",
                      "--if-exists",
                      "get",
                      "Open_vSwitch",
                      ".",
                      "external_ids:hostname"))
              .stdout()
              .strip();
      return Optional.of(value.replace("\"", "")).filter(v -> !v.isEmpty());
    } catch (CommandFailedException e) {
      LOG.fine(() -> "no host name from Open vSwitch: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<String> fromKernel() {
    try {
      return Optional.of(Files.readString(KERNEL_HOSTNAME).strip()).filter(v -> !v.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
