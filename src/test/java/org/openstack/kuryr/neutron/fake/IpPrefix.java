package org.openstack.kuryr.neutron.fake;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IP prefix as the fake Neutron computes with it: addresses are numbers, so carving and
 * allocating are additions. Written apart from the product's own address code on purpose, so that a
 * mistake there is not repeated here. Immutable.
 *
 * @param network the first address of the prefix
 * @param length the prefix length
 * @param bits 32 for IPv4, 128 for IPv6
 */
record IpPrefix(BigInteger network, int length, int bits) {

  /**
   * Parses a CIDR the way Neutron takes one: host bits are cleared, {@code 10.0.0.5/24} is {@code
   * 10.0.0.0/24}.
   *
   * @throws IllegalArgumentException when the text is not a CIDR
   */
  static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + text + "' has no prefix length");
    }
    Address address = Address.parse(text.substring(0, slash));
    int length = Integer.parseInt(text.substring(slash + 1));
    if (length < 0 || length > address.bits()) {
      throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
    }
    BigInteger network = address.value().andNot(hostMask(length, address.bits()));
    return new IpPrefix(network, length, address.bits());
  }

  int ipVersion() {
    return bits == 32 ? 4 : 6;
  }

  BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits - length);
  }

  BigInteger last() {
    return network.add(size()).subtract(BigInteger.ONE);
  }

  boolean contains(Address address) {
    return address.bits() == bits
        && address.value().compareTo(network) >= 0
        && address.value().compareTo(last()) <= 0;
  }

  boolean contains(IpPrefix other) {
    return other.bits == bits
        && other.network.compareTo(network) >= 0
        && other.last().compareTo(last()) <= 0;
  }

  boolean overlaps(IpPrefix other) {
    return other.bits == bits
        && other.network.compareTo(last()) <= 0
        && network.compareTo(other.last()) <= 0;
  }

  /** The address {@code offset} after the network address. */
  Address at(BigInteger offset) {
    return new Address(network.add(offset), bits);
  }

  /** In Neutron's canonical form, e.g. {@code fd00:10::/64}. */
  @Override
  public String toString() {
    return new Address(network, bits) + "/" + length;
  }

  private static BigInteger hostMask(int length, int bits) {
    return BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
  }

  /**
   * One address.
   *
   * @param value the address as an unsigned number
   * @param bits 32 or 128
   */
  record Address(BigInteger value, int bits) implements Comparable<Address> {

    /**
     * Parses an address literal, never resolving names.
     *
     * @throws IllegalArgumentException when the text is not an address
     */
    static Address parse(String text) {
      InetAddress address = InetAddress.ofLiteral(text);
      return new Address(new BigInteger(1, address.getAddress()), address.getAddress().length * 8);
    }

    Address plus(long offset) {
      return new Address(value.add(BigInteger.valueOf(offset)), bits);
    }

    @Override
    public int compareTo(Address other) {
      return value.compareTo(other.value);
    }

    /** Dotted quad, or RFC 5952 for IPv6 (lower case, longest zero run as {@code ::}). */
    @Override
    public String toString() {
      if (bits == 32) {
        return toInet().getHostAddress();
      }
      String[] groups = new String[8];
      for (int i = 0; i < 8; i++) {
        groups[i] = Integer.toHexString(value.shiftRight(112 - 16 * i).intValue() & 0xffff);
      }
      return compress(groups);
    }

    private InetAddress toInet() {
      byte[] raw = value.toByteArray();
      byte[] bytes = new byte[bits / 8];
      int copy = Math.min(raw.length, bytes.length);
      System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
      try {
        return InetAddress.getByAddress(bytes);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String compress(String[] groups) {
      int bestStart = -1;
      int bestLength = 1;
      for (int start = 0; start < 8; start++) {
        int end = start;
        while (end < 8 && groups[end].equals("0")) {
          end++;
        }
        if (end - start > bestLength) {
          bestStart = start;
          bestLength = end - start;
        }
      }
      if (bestStart < 0) {
        return String.join(":", groups);
      }
      String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
      String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, 8));
      return head + "::" + tail;
    }
  }
}
