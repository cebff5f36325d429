package org.openstack.kuryr.binding;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules for Linux network interface names, checked before a name reaches a host command.
 *
 * <p>Stateless and thread-safe.
 */
public final class LinkNames {
  /** The kernel's limit ({@code IFNAMSIZ} minus the terminating NUL). */
  public static final int MAX_LENGTH = 15;

  // Stricter than the kernel (which allows anything but '/', ':' and whitespace): these names
  // are also written into ovs-vsctl arguments and ip -batch lines, where other characters
  // would need quoting.
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  private LinkNames() {}

  /**
   * Returns {@code name} if it is a usable interface name.
   *
   * @param role what the name is for, used in the error message
   * @throws IllegalArgumentException if the name is too long or has other characters than letters,
   *     digits, '_', '.' and '-'
   */
  public static String requireValid(String name, String role) {
    Objects.requireNonNull(name, role);
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(
          role
              + " '"
              + name
              + "' is not a valid interface name (1 to 15 letters, digits, '_', '.' or '-')");
    }
    return name;
  }
}
