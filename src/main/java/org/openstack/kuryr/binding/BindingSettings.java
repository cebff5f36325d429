package org.openstack.kuryr.binding;

import java.time.Duration;
import java.util.Objects;

/**
 * How ports are wired into this host.
 *
 * <p>Immutable and thread-safe.
 *
 * @param integrationBridge the OVS bridge for {@code ovs} ports whose vif details name none
 * @param disableTxChecksumOffload whether to turn TX checksum offload off on container devices (on
 *     the VM interface in nested macvlan mode). Needed with the Open vSwitch userspace (netdev)
 *     datapath, which does not complete the checksums of veth traffic: ICMP works, TCP does not.
 * @param hostVethPrefix prefix of host-side device names; 1 to 4 characters, so that with 11
 *     characters of the port ID the name fits the kernel's 15
 * @param containerVethPrefix prefix of container device names; 1 to 4 characters
 * @param commandTimeout the longest any single host command may run
 * @param linkInterface nested modes: the VM's interface the container devices sit on, or {@code
 *     null} to find it by the VM port's MAC address
 */
public record BindingSettings(
    String integrationBridge,
    boolean disableTxChecksumOffload,
    String hostVethPrefix,
    String containerVethPrefix,
    Duration commandTimeout,
    String linkInterface) {

  /** How many characters of the port ID device names carry. */
  public static final int PORT_ID_CHARS_IN_NAMES = 11;

  private static final int MAX_PREFIX_LENGTH = LinkNames.MAX_LENGTH - PORT_ID_CHARS_IN_NAMES;

  /** Validates the arguments. */
  public BindingSettings {
    LinkNames.requireValid(integrationBridge, "integration bridge");
    requirePrefix(hostVethPrefix, "host veth prefix");
    requirePrefix(containerVethPrefix, "container veth prefix");
    if (hostVethPrefix.startsWith(containerVethPrefix)
        || containerVethPrefix.startsWith(hostVethPrefix)) {
      throw new IllegalArgumentException(
          "host and container veth prefixes must not be prefixes of each other: "
              + hostVethPrefix
              + ", "
              + containerVethPrefix);
    }
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("command timeout must be positive: " + commandTimeout);
    }
    if (linkInterface != null) {
      LinkNames.requireValid(linkInterface, "link interface");
    }
  }

  /**
   * The defaults: {@code br-int}, TX checksum offload off, the original kuryr's device names
   * ({@code tap…} and {@code t_c…}, so devices of existing deployments are recognised), 10 s per
   * command, link interface found by MAC address.
   */
  public static BindingSettings defaults() {
    return new BindingSettings("br-int", true, "tap", "t_c", Duration.ofSeconds(10), null);
  }

  /** These settings with other device name prefixes. */
  public BindingSettings withVethPrefixes(String hostPrefix, String containerPrefix) {
    return new BindingSettings(
        integrationBridge,
        disableTxChecksumOffload,
        hostPrefix,
        containerPrefix,
        commandTimeout,
        linkInterface);
  }

  /** These settings with another integration bridge. */
  public BindingSettings withIntegrationBridge(String bridge) {
    return new BindingSettings(
        bridge,
        disableTxChecksumOffload,
        hostVethPrefix,
        containerVethPrefix,
        commandTimeout,
        linkInterface);
  }

  /** These settings with TX checksum offload left alone ({@code false}) or turned off. */
  public BindingSettings withDisableTxChecksumOffload(boolean disable) {
    return new BindingSettings(
        integrationBridge,
        disable,
        hostVethPrefix,
        containerVethPrefix,
        commandTimeout,
        linkInterface);
  }

  /** These settings with {@code name} as the nested modes' VM interface. */
  public BindingSettings withLinkInterface(String name) {
    return new BindingSettings(
        integrationBridge,
        disableTxChecksumOffload,
        hostVethPrefix,
        containerVethPrefix,
        commandTimeout,
        name);
  }

  private static void requirePrefix(String prefix, String role) {
    LinkNames.requireValid(prefix, role);
    if (prefix.length() > MAX_PREFIX_LENGTH) {
      throw new IllegalArgumentException(
          role + " '" + prefix + "' is longer than " + MAX_PREFIX_LENGTH + " characters");
    }
  }
}
