package org.openstack.kuryr.daemon;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.openstack.kuryr.mapping.BackgroundTask;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.NeutronException;

/**
 * Reaches Neutron once in the background at start, retrying with backoff until it answers, so that
 * the daemon serves Docker at once even when it starts before Neutron (at boot, say) and says in
 * its log what it is waiting for. Requests that need Neutron meanwhile fail with a clear error.
 */
final class NeutronWatch {
  private static final Logger LOG = Logger.getLogger(NeutronWatch.class.getName());
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);
  private static final List<String> REQUIRED =
      List.of(Capabilities.TAGS, Capabilities.SUBNET_ALLOCATION, Capabilities.BINDING);

  private NeutronWatch() {}

  /** Starts the watch on a virtual thread. */
  static Thread start(NeutronClient neutron) {
    return Thread.ofVirtual()
        .name("neutron-watch")
        .start(() -> BackgroundTask.run("Neutron watch", () -> watch(neutron)));
  }

  private static void watch(NeutronClient neutron) {
    Duration pause = FIRST_RETRY;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        report(neutron.capabilities());
        return;
      } catch (NeutronException e) {
        Duration wait = pause;
        LOG.warning(
            () ->
                "waiting for Neutron: "
                    + e.getMessage()
                    + "; retrying in "
                    + wait.toSeconds()
                    + " s");
      }
      if (!sleep(pause)) {
        return;
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0
              ? LONGEST_RETRY
              : pause.multipliedBy(2);
    }
  }

  private static void report(Capabilities capabilities) {
    List<String> missing = REQUIRED.stream().filter(a -> !capabilities.has(a)).toList();
    if (missing.isEmpty()) {
      LOG.info(() -> "Neutron reached: " + capabilities.aliases().size() + " extensions");
    } else {
      LOG.severe(() -> "Neutron lacks extensions kuryr needs: " + missing);
    }
  }

  private static boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
