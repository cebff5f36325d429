package org.openstack.kuryr.daemon;

import java.time.Duration;
import java.util.logging.Logger;
import org.openstack.kuryr.host.Command;
import org.openstack.kuryr.host.CommandFailedException;
import org.openstack.kuryr.host.CommandRunner;

/** Decides whether container interfaces get TX checksum offload turned off. */
final class TxOffload {
  private static final Logger LOG = Logger.getLogger(TxOffload.class.getName());

  private TxOffload() {}

  /**
   * Whether to turn offload off: {@code off} and {@code on} say so; {@code auto} turns it off when
   * the integration bridge uses Open vSwitch's userspace datapath ({@code netdev}), which reads
   * veths through packet sockets and never completes the checksums the kernel left to the NIC.
   */
  static boolean disable(String setting, String bridge, CommandRunner runner) {
    return switch (setting) {
      case "off" -> true;
      case "on" -> false;
      default -> isUserspaceDatapath(bridge, runner);
    };
  }

  private static boolean isUserspaceDatapath(String bridge, CommandRunner runner) {
    try {
      String type =
          runner
              .run(
                  Command.of(
                      Duration.ofSeconds(3),
                      "ovs-vsctl",
                      "--timeout=2",
                      "get",
                      "Bridge",
                      bridge,
                      "datapath_type"))
              .stdout()
              .strip()
              .replace("\"", "");
      boolean userspace = type.equals("netdev");
      LOG.info(
          () ->
              "bridge "
                  + bridge
                  + " datapath "
                  + (type.isEmpty() ? "system" : type)
                  + (userspace ? ": TX checksum offload off on container interfaces" : ""));
      return userspace;
    } catch (CommandFailedException e) {
      LOG.info(() -> "no Open vSwitch bridge " + bridge + ": TX checksum offload left alone");
      return false;
    }
  }
}
