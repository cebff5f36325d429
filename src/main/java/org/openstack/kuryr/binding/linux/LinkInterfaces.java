package org.openstack.kuryr.binding.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openstack.kuryr.binding.BindingSettings;
import org.openstack.kuryr.binding.LinkInterfaceException;

/**
 * The network interfaces of this namespace and their MAC addresses, read from sysfs. Nested modes
 * use it to find the VM's interface when it is not configured.
 *
 * <p>Thread-safe.
 */
public final class LinkInterfaces {
  private final Path sysClassNet;

  /** Interfaces as listed under {@code sysClassNet} (normally {@code /sys/class/net}). */
  public LinkInterfaces(Path sysClassNet) {
    this.sysClassNet = sysClassNet;
  }

  /** This namespace's interfaces. */
  public static LinkInterfaces ofThisHost() {
    return new LinkInterfaces(Path.of("/sys/class/net"));
  }

  /**
   * The configured link interface, or else the one interface carrying {@code vmPortMacAddress}.
   *
   * @throws LinkInterfaceException if none is configured and not exactly one interface (other than
   *     the container devices) has that MAC address
   */
  public String resolve(BindingSettings settings, String vmPortMacAddress) {
    if (settings.linkInterface() != null) {
      return settings.linkInterface();
    }
    String mac = vmPortMacAddress.toLowerCase(Locale.ROOT);
    List<String> matches =
        macAddresses().entrySet().stream()
            .filter(entry -> entry.getValue().equals(mac))
            .map(Map.Entry::getKey)
            .filter(name -> !name.startsWith(settings.containerVethPrefix()))
            .toList();
    if (matches.size() != 1) {
      throw new LinkInterfaceException(
          "failed to find the VM interface with MAC address "
              + mac
              + ": "
              + (matches.isEmpty() ? "no interface has it" : "several have it " + matches)
              + "; set the link interface in the configuration");
    }
    return matches.getFirst();
  }

  /**
   * Every interface's MAC address, in lower case, by interface name. Interfaces without one (such
   * as tunnels) are left out.
   *
   * @throws LinkInterfaceException if the interfaces cannot be listed
   */
  public Map<String, String> macAddresses() {
    Map<String, String> addresses = new TreeMap<>();
    try (Stream<Path> interfaces = Files.list(sysClassNet)) {
      interfaces.forEach(
          dir -> {
            String address = readAddress(dir.resolve("address"));
            if (!address.isEmpty()) {
              addresses.put(dir.getFileName().toString(), address);
            }
          });
    } catch (IOException e) {
      throw new LinkInterfaceException(
          "failed to list network interfaces in " + sysClassNet + ": " + e.getMessage());
    }
    return addresses;
  }

  private static String readAddress(Path file) {
    try {
      return Files.readString(file).strip().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      // The interface went away while listing, or has no link-layer address.
      return "";
    }
  }
}
