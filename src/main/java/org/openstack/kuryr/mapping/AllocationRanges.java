package org.openstack.kuryr.mapping;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.Subnet.AllocationPool;

/**
 * The allocation pools of a subnet whose addresses must come from Docker's {@code --ip-range}: the
 * range without its network and broadcast addresses, and without the gateway, which Neutron refuses
 * inside an allocation pool.
 */
final class AllocationRanges {
  private AllocationRanges() {}

  static List<AllocationPool> of(Cidr subnet, Cidr range, Optional<String> gateway) {
    BigInteger first = value(range.network());
    BigInteger last =
        first
            .add(BigInteger.ONE.shiftLeft(bits(range) - range.prefixLength()))
            .subtract(BigInteger.ONE);
    BigInteger subnetFirst = value(subnet.network());
    BigInteger subnetLast =
        subnetFirst
            .add(BigInteger.ONE.shiftLeft(bits(subnet) - subnet.prefixLength()))
            .subtract(BigInteger.ONE);
    first = first.max(subnetFirst.add(BigInteger.ONE));
    if (subnet.ipVersion() == 4) {
      last = last.min(subnetLast.subtract(BigInteger.ONE));
    }
    var pools = new ArrayList<AllocationPool>();
    BigInteger gatewayValue = gateway.map(g -> value(Cidr.parseAddress(g))).orElse(null);
    if (gatewayValue != null
        && gatewayValue.compareTo(first) >= 0
        && gatewayValue.compareTo(last) <= 0) {
      addIfValid(pools, first, gatewayValue.subtract(BigInteger.ONE), subnet);
      addIfValid(pools, gatewayValue.add(BigInteger.ONE), last, subnet);
    } else {
      addIfValid(pools, first, last, subnet);
    }
    if (pools.isEmpty()) {
      throw new InvalidRequestException("IP range " + range + " leaves no address to allocate");
    }
    return pools;
  }

  private static void addIfValid(
      List<AllocationPool> pools, BigInteger first, BigInteger last, Cidr subnet) {
    if (first.compareTo(last) <= 0) {
      pools.add(new AllocationPool(format(first, subnet), format(last, subnet)));
    }
  }

  private static int bits(Cidr cidr) {
    return cidr.ipVersion() == 4 ? 32 : 128;
  }

  private static BigInteger value(InetAddress address) {
    return new BigInteger(1, address.getAddress());
  }

  private static String format(BigInteger value, Cidr subnet) {
    int length = bits(subnet) / 8;
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
    try {
      return Cidr.format(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + length + " bytes", e);
    }
  }
}
