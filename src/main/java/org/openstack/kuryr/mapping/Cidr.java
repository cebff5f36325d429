package org.openstack.kuryr.mapping;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.openstack.kuryr.error.InvalidRequestException;

/**
 * An IPv4 or IPv6 prefix, such as {@code 10.10.0.0/24} or {@code fd00::/64}. Parsing never resolves
 * names. Immutable.
 *
 * @param network the first address of the prefix (host bits cleared)
 * @param prefixLength the number of network bits
 */
public record Cidr(InetAddress network, int prefixLength) {

  /**
   * Parses {@code address/length}; host bits are cleared, so {@code 10.0.0.5/24} is {@code
   * 10.0.0.0/24}.
   *
   * @throws InvalidRequestException when the text is not a CIDR
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new InvalidRequestException("invalid CIDR '" + text + "': missing /prefix length");
    }
    InetAddress address = parseAddress(text.substring(0, slash));
    int maxLength = address.getAddress().length * 8;
    int length = parseLength(text, text.substring(slash + 1), maxLength);
    return new Cidr(mask(address, length), length);
  }

  /**
   * Parses an address literal (no prefix), never resolving names.
   *
   * @throws InvalidRequestException when the text is not an IP address
   */
  public static InetAddress parseAddress(String text) {
    try {
      return InetAddress.ofLiteral(text.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("invalid IP address '" + text + "'", e);
    }
  }

  private static int parseLength(String text, String length, int maxLength) {
    try {
      int value = Integer.parseInt(length);
      if (value >= 0 && value <= maxLength) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the whole text
    }
    throw new InvalidRequestException(
        "invalid CIDR '" + text + "': prefix length must be 0 to " + maxLength);
  }

  private static InetAddress mask(InetAddress address, int length) {
    byte[] bytes = address.getAddress();
    for (int bit = length; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return toAddress(bytes);
  }

  private static InetAddress toAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("address of " + bytes.length + " bytes", e);
    }
  }

  /** 4 or 6. */
  public int ipVersion() {
    return network instanceof Inet4Address ? 4 : 6;
  }

  /** Whether {@code address} lies within this prefix. */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.getAddress().length
        && Arrays.equals(mask(address, prefixLength).getAddress(), network.getAddress());
  }

  /** Whether {@code other} lies entirely within this prefix. */
  public boolean contains(Cidr other) {
    return other.prefixLength >= prefixLength && contains(other.network);
  }

  /** The first address after the network address: the usual gateway. */
  public InetAddress firstHost() {
    BigInteger value = new BigInteger(1, network.getAddress()).add(BigInteger.ONE);
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[network.getAddress().length];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    return toAddress(bytes);
  }

  /** {@code address} written with this prefix length, e.g. {@code 10.0.0.5/24}. */
  public String withPrefix(InetAddress address) {
    return format(address) + "/" + prefixLength;
  }

  /** {@code network/length} in canonical form, as Neutron writes it (e.g. {@code fd00::/64}). */
  @Override
  public String toString() {
    return format(network) + "/" + prefixLength;
  }

  /**
   * An address in its canonical text form (RFC 5952 for IPv6: lower case, the longest run of two or
   * more zero groups shortened to {@code ::}), the form Neutron and Docker print.
   */
  public static String format(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int[] run = longestZeroRun(groups);
    var text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == run[0]) {
        text.append("::");
        i += run[1] - 1;
        continue;
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  private static int[] longestZeroRun(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; i++) {
      int length = 0;
      while (i + length < groups.length && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
    }
    return new int[] {bestStart, bestLength};
  }
}
