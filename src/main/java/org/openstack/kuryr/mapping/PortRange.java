package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * An inclusive range of protocol port numbers.
 *
 * @param first the first port
 * @param last the last port, not below {@code first}
 */
record PortRange(int first, int last) {
  /** Checks the bounds. */
  PortRange {
    if (first < 0 || last > 65535 || last < first) {
      throw new IllegalArgumentException("invalid port range " + first + "-" + last);
    }
  }

  /** The range of one port. */
  static PortRange of(int port) {
    return new PortRange(port, port);
  }

  /** The fewest ranges that hold exactly these ports, in ascending order. */
  static List<PortRange> merge(Collection<Integer> ports) {
    var ranges = new ArrayList<PortRange>();
    int first = -1;
    int last = -1;
    for (int port : new TreeSet<>(ports)) {
      if (first >= 0 && port == last + 1) {
        last = port;
        continue;
      }
      if (first >= 0) {
        ranges.add(new PortRange(first, last));
      }
      first = port;
      last = port;
    }
    if (first >= 0) {
      ranges.add(new PortRange(first, last));
    }
    return ranges;
  }

  /** Whether the two ranges share a port. */
  boolean overlaps(PortRange other) {
    return first <= other.last && other.first <= last;
  }

  /** How many ports the range holds. */
  int size() {
    return last - first + 1;
  }

  /** {@code 80} or {@code 8000-8010}. */
  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
