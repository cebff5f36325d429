package org.openstack.kuryr.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.openstack.kuryr.mapping.ExternalConnectivity.ExposedPort;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;
import org.openstack.kuryr.mapping.PublishedPorts.Published;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.ResourceKind;

/**
 * Exposed ports as a security group and published ports as floating-IP port forwardings, opened
 * when Docker programs an endpoint's external connectivity and closed when it revokes it or deletes
 * the endpoint.
 *
 * <p>Docker engines differ in when they call: up to 28 they program the endpoint that gives the
 * container its default gateway after it joins and revoke before it leaves; Docker 29 programs
 * again whenever the endpoint's gateway role changes (IPv4, then IPv6 too), and revokes when it
 * loses the role. So programming what is already open does nothing, programming something else
 * first closes what was open, and revoking is safe at any time, also for an endpoint never
 * programmed; a plain container costs no Neutron request at all.
 *
 * <p>What is open is remembered, and marked on the port with a tag so that a restarted daemon finds
 * it in Neutron. Thread-safe; calls for one endpoint are serialized by the caller.
 */
final class NeutronExternalConnectivity implements ExternalConnectivityService {
  private static final Logger LOG = Logger.getLogger(NeutronExternalConnectivity.class.getName());

  private final NeutronClient neutron;
  private final ExposedPortsGroups exposedPorts;
  private final PublishedPorts publishedPorts;
  private final ConcurrentHashMap<String, Opened> opened = new ConcurrentHashMap<>();

  NeutronExternalConnectivity(
      NeutronClient neutron, ExposedPortsGroups exposedPorts, PublishedPorts publishedPorts) {
    this.neutron = neutron;
    this.exposedPorts = exposedPorts;
    this.publishedPorts = publishedPorts;
  }

  /**
   * What an endpoint asks to open, in a canonical order, so that the same ports compare equal
   * however Docker lists them.
   */
  record Wanted(List<ExposedPort> exposed, List<PublishedPort> published) {
    static Wanted of(ExternalConnectivity connectivity) {
      return new Wanted(
          connectivity.exposedPorts().stream()
              .distinct()
              .sorted(
                  Comparator.comparing(ExposedPort::protocol).thenComparingInt(ExposedPort::port))
              .toList(),
          connectivity.publishedPorts().stream()
              .map(Wanted::anyHostAddress)
              .distinct()
              .sorted(
                  Comparator.comparing(PublishedPort::protocol)
                      .thenComparingInt(PublishedPort::port)
                      .thenComparing(PublishedPort::hostIp)
                      .thenComparingInt(PublishedPort::hostPort))
              .toList());
    }

    boolean isEmpty() {
      return exposed.isEmpty() && published.isEmpty();
    }

    // Docker's wildcard host addresses all mean "the host", and since Docker 27 a port is listed
    // once per address family: either way it is Kuryr's floating IP.
    private static PublishedPort anyHostAddress(PublishedPort port) {
      String address = port.hostIp().strip();
      boolean any = address.isEmpty() || address.equals("0.0.0.0") || address.equals("::");
      return any
          ? new PublishedPort(port.protocol(), port.port(), "", port.hostPort(), port.hostPortEnd())
          : port;
    }
  }

  /** What is open for an endpoint. */
  private record Opened(Wanted wanted, Optional<String> groupId, List<Published> forwardings) {}

  @Override
  public void program(EndpointState endpoint, ExternalConnectivity connectivity) {
    Wanted wanted = Wanted.of(connectivity);
    Opened current = opened.get(endpoint.endpointId());
    if (current != null && current.wanted().equals(wanted)) {
      LOG.fine(() -> "ports of endpoint " + shortId(endpoint) + " are open already");
      return;
    }
    if (current != null || marked(endpoint)) {
      revoke(endpoint);
    }
    if (!wanted.isEmpty()) {
      opened.put(endpoint.endpointId(), open(endpoint, wanted));
    }
  }

  private Opened open(EndpointState endpoint, Wanted wanted) {
    try (var rollback = new Rollback("open ports of endpoint " + shortId(endpoint))) {
      try {
        Optional<String> group = exposedPorts.open(endpoint, wanted.exposed(), rollback);
        List<Published> forwardings =
            publishedPorts.publish(endpoint, wanted.published(), rollback);
        String portId = endpoint.port().id();
        NeutronFailures.run(
            "tag port " + portId,
            () -> neutron.tags().add(ResourceKind.PORT, portId, ServiceTags.PORT_CONNECTIVITY));
        rollback.commit();
        return new Opened(wanted, group, forwardings);
      } catch (RuntimeException e) {
        throw rollback.fail(e);
      }
    }
  }

  @Override
  public void revoke(EndpointState endpoint) {
    Opened current = opened.remove(endpoint.endpointId());
    if (current == null && !marked(endpoint)) {
      return;
    }
    if (current != null) {
      publishedPorts.unpublish(current.forwardings());
      current.groupId().ifPresent(g -> exposedPorts.close(endpoint, g));
    } else {
      publishedPorts.unpublishFound(endpoint);
      exposedPorts.closeFound(endpoint);
    }
    String portId = endpoint.port().id();
    NeutronFailures.call(
        "untag port " + portId,
        () -> neutron.tags().remove(ResourceKind.PORT, portId, ServiceTags.PORT_CONNECTIVITY));
    LOG.info(() -> "closed the ports of endpoint " + shortId(endpoint));
  }

  // The tag is read from the port as last seen: set when the daemon found the endpoint in Neutron
  // after a restart, never on a port this daemon bound and has not opened yet.
  private static boolean marked(EndpointState endpoint) {
    return endpoint.port().tags().contains(ServiceTags.PORT_CONNECTIVITY);
  }

  private static String shortId(EndpointState endpoint) {
    return NetworkDirectory.shortId(endpoint.endpointId());
  }
}
