package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openstack.kuryr.error.ConflictException;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;
import org.openstack.kuryr.neutron.PortForwarding;

/**
 * Which port forwardings of one floating IP publish a container's ports: Docker's host ports become
 * the floating IP's external ports. A fixed host port that another forwarding holds is a conflict;
 * a host port left to choose ({@code -P}, {@code -p 80}, or a host range for one container port)
 * gets the lowest free one, from Linux's default ephemeral range when none was given. Consecutive
 * ports are merged into range forwardings where Neutron has them.
 *
 * <p>Immutable.
 *
 * @param forwardings the forwardings to create
 */
record ForwardingPlan(List<Forwarding> forwardings) {
  // Linux's default ip_local_port_range, where Docker's own -P takes ports from.
  static final PortRange EPHEMERAL = new PortRange(32768, 60999);

  /**
   * One forwarding to create.
   *
   * @param protocol {@code tcp}, {@code udp}, {@code sctp}
   * @param internal the container's ports
   * @param external the floating IP's ports, as many as {@code internal}
   */
  record Forwarding(String protocol, PortRange internal, PortRange external) {}

  /** A port the floating IP forwards already. */
  private record Taken(String protocol, PortRange external, String target) {}

  /**
   * Plans the forwardings of {@code published} next to those the floating IP has.
   *
   * @param address the floating IP, for messages
   * @param ranges whether Neutron forwards port ranges ({@code
   *     floating-ip-port-forwarding-port-ranges})
   * @throws ConflictException when a host port is taken or no free port is left in a range
   */
  static ForwardingPlan of(
      List<PublishedPort> published,
      List<PortForwarding> existing,
      String address,
      boolean ranges) {
    var taken = new ArrayList<Taken>();
    existing.forEach(f -> taken.add(taken(f)));
    var singles = new ArrayList<Forwarding>();
    for (PublishedPort port : distinct(published)) {
      String protocol = port.protocol().name().toLowerCase(Locale.ROOT);
      PortRange external = chooseExternal(port, protocol, taken, address);
      taken.add(new Taken(protocol, external, "container port " + port.port()));
      singles.add(new Forwarding(protocol, PortRange.of(port.port()), external));
    }
    return new ForwardingPlan(ranges ? merged(singles) : singles);
  }

  // Docker lists a port once per host address family since 27.0; a floating IP has one.
  private static List<PublishedPort> distinct(List<PublishedPort> published) {
    var seen = new LinkedHashSet<List<Integer>>();
    return published.stream()
        .filter(
            p -> seen.add(List.of(p.protocol().ordinal(), p.port(), p.hostPort(), p.hostPortEnd())))
        .toList();
  }

  private static PortRange chooseExternal(
      PublishedPort port, String protocol, List<Taken> taken, String address) {
    if (port.hostPort() != 0 && port.hostPortEnd() <= port.hostPort()) {
      PortRange wanted = PortRange.of(port.hostPort());
      Optional<Taken> holder = holder(taken, protocol, wanted);
      if (holder.isPresent()) {
        throw new ConflictException(
            "host port "
                + wanted
                + "/"
                + protocol
                + " of floating IP "
                + address
                + " is already forwarded to "
                + holder.get().target());
      }
      return wanted;
    }
    PortRange candidates =
        port.hostPort() == 0 ? EPHEMERAL : new PortRange(port.hostPort(), port.hostPortEnd());
    for (int candidate = candidates.first(); candidate <= candidates.last(); candidate++) {
      if (holder(taken, protocol, PortRange.of(candidate)).isEmpty()) {
        return PortRange.of(candidate);
      }
    }
    throw new ConflictException(
        "no free host port in " + candidates + "/" + protocol + " of floating IP " + address);
  }

  private static Optional<Taken> holder(List<Taken> taken, String protocol, PortRange ports) {
    return taken.stream()
        .filter(t -> t.protocol().equals(protocol) && t.external().overlaps(ports))
        .findFirst();
  }

  private static Taken taken(PortForwarding forwarding) {
    PortRange external =
        forwarding.externalPortRange() != null
            ? parse(forwarding.externalPortRange())
            : PortRange.of(forwarding.externalPort());
    // Neutron reports a single port both ways; the range only when it is one.
    String internal =
        forwarding.internalPort() != null
            ? String.valueOf(forwarding.internalPort())
            : String.valueOf(forwarding.internalPortRange()).replace(':', '-');
    return new Taken(
        forwarding.protocol(),
        external,
        forwarding.internalIpAddress()
            + ":"
            + internal
            + " (port "
            + forwarding.internalPortId()
            + ")");
  }

  private static PortRange parse(String range) {
    String[] bounds = range.split(":");
    int first = Integer.parseInt(bounds[0]);
    return new PortRange(first, bounds.length > 1 ? Integer.parseInt(bounds[1]) : first);
  }

  private static List<Forwarding> merged(List<Forwarding> singles) {
    var sorted = new ArrayList<>(singles);
    sorted.sort(
        Comparator.comparing(Forwarding::protocol).thenComparingInt(f -> f.internal().first()));
    var merged = new ArrayList<Forwarding>();
    for (Forwarding next : sorted) {
      Forwarding last = merged.isEmpty() ? null : merged.getLast();
      if (last != null && continues(last, next)) {
        merged.set(
            merged.size() - 1,
            new Forwarding(
                last.protocol(),
                new PortRange(last.internal().first(), next.internal().last()),
                new PortRange(last.external().first(), next.external().last())));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }

  private static boolean continues(Forwarding last, Forwarding next) {
    return last.protocol().equals(next.protocol())
        && next.internal().first() == last.internal().last() + 1
        && next.external().first() == last.external().last() + 1;
  }
}
