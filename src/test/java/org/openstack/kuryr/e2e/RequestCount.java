package org.openstack.kuryr.e2e;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Neutron requests between two readings of the daemon's figures, split into those a plugin call
 * made (Docker waited for them) and those made in the background. Naming container ports in DNS is
 * a service of its own, counted apart.
 *
 * @param byCall requests per plugin call (or {@code background}) and per "service METHOD resource"
 */
record RequestCount(Map<String, Map<String, Long>> byCall) {
  private static final String BACKGROUND = "background";
  private static final String DNS_NAMES = "background: container DNS names";

  static RequestCount between(JsonNode before, JsonNode after) {
    var byCall = new TreeMap<String, Map<String, Long>>();
    JsonNode then = before.path("neutron_requests_by_call");
    for (var call : after.path("neutron_requests_by_call").properties()) {
      for (var request : call.getValue().properties()) {
        long was = then.path(call.getKey()).path(request.getKey()).asLong(0);
        long delta = request.getValue().asLong() - was;
        if (delta > 0 && request.getKey().startsWith("network ")) {
          byCall.computeIfAbsent(call.getKey(), k -> new TreeMap<>()).put(request.getKey(), delta);
        }
      }
    }
    return new RequestCount(byCall);
  }

  /** Whether the daemon's figures show port work under way in the background. */
  static boolean backgroundBusy(JsonNode figures) {
    return figures.required("port_deletions_pending").asInt() > 0
        || figures.required("port_pool_returns_pending").asInt() > 0
        || figures.required("dns_names_pending").asInt() > 0;
  }

  /** Neutron requests made while Docker waited for a plugin call. */
  long onDockersPath() {
    return sum(call -> !call.startsWith(BACKGROUND));
  }

  /** Neutron requests made in the background for the container's port (DNS names aside). */
  long inBackground() {
    return sum(call -> call.startsWith(BACKGROUND) && !call.equals(DNS_NAMES));
  }

  /** The container's port's requests: on Docker's path and in the background, DNS names aside. */
  long total() {
    return onDockersPath() + inBackground();
  }

  /** Neutron requests made to give container ports their DNS names. */
  long forDnsNames() {
    return sum(DNS_NAMES::equals);
  }

  private long sum(java.util.function.Predicate<String> calls) {
    return byCall.entrySet().stream()
        .filter(e -> calls.test(e.getKey()))
        .mapToLong(e -> e.getValue().values().stream().mapToLong(Long::longValue).sum())
        .sum();
  }

  @Override
  public String toString() {
    return byCall.toString();
  }
}
