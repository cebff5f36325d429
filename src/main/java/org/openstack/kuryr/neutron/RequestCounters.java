package org.openstack.kuryr.neutron;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the HTTP requests sent, by service and method, e.g. to measure "Neutron requests per
 * container lifecycle": read {@link #network()} before and after. Each attempt of a retried call
 * and each page of a listing counts. Thread-safe.
 */
public final class RequestCounters implements NeutronListener {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void requestFinished(RequestEvent event) {
    counts
        .computeIfAbsent(event.service() + " " + event.method(), k -> new LongAdder())
        .increment();
  }

  /** Requests sent to Neutron so far, all methods. */
  public long network() {
    return sum("network ");
  }

  /** Requests sent to Keystone so far. */
  public long identity() {
    return sum("identity ");
  }

  /** Requests sent to Neutron so far with this method, e.g. {@code GET}. */
  public long network(String method) {
    LongAdder count = counts.get("network " + method);
    return count == null ? 0 : count.sum();
  }

  /** A snapshot of all counts, keyed {@code "<service> <method>"}, e.g. {@code "network GET"}. */
  public Map<String, Long> snapshot() {
    var snapshot = new TreeMap<String, Long>();
    counts.forEach((key, count) -> snapshot.put(key, count.sum()));
    return snapshot;
  }

  private long sum(String prefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }
}
