package org.openstack.kuryr.daemon;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.openstack.kuryr.libnetwork.PluginEndpoints;
import org.openstack.kuryr.mapping.BackgroundTask;
import org.openstack.kuryr.neutron.NeutronListener;
import org.openstack.kuryr.neutron.RequestEvent;

/**
 * Counts Neutron and Keystone requests by the plugin call that made them, so that the requests
 * Docker waits for can be told from those made in the background: keys starting with {@value
 * #BACKGROUND} collect the daemon's own work, named after the task where it has a name ({@code
 * background: port deletions}, {@code background: port pool}, {@code background: container DNS
 * names}, ...).
 *
 * <p>Thread-safe; counting is lock-free.
 */
final class RequestMetrics implements NeutronListener {
  static final String BACKGROUND = "background";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void requestFinished(RequestEvent event) {
    String call =
        PluginEndpoints.currentCall()
            .orElseGet(
                () -> BackgroundTask.current().map(t -> BACKGROUND + ": " + t).orElse(BACKGROUND));
    String request = event.service() + " " + event.method() + " " + event.resource();
    counts.computeIfAbsent(call + "\n" + request, k -> new LongAdder()).increment();
  }

  /**
   * Requests so far: plugin call (or {@value #BACKGROUND}) to "service METHOD resource" to count.
   */
  Map<String, Map<String, Long>> byCall() {
    var byCall = new TreeMap<String, Map<String, Long>>();
    counts.forEach(
        (key, count) -> {
          int split = key.indexOf('\n');
          byCall
              .computeIfAbsent(key.substring(0, split), k -> new TreeMap<>())
              .put(key.substring(split + 1), count.sum());
        });
    return byCall;
  }
}
