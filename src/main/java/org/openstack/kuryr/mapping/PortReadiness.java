package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.logging.Logger;
import org.openstack.kuryr.binding.BoundPort;
import org.openstack.kuryr.binding.DataplaneState;
import org.openstack.kuryr.binding.PortBinder;
import org.openstack.kuryr.error.NotReadyException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;

/**
 * Waits, bounded, until a plugged port carries traffic, so a container's first packet gets through.
 * The host's own signal comes first (OVN marks the OVS interface when its flows are installed,
 * milliseconds after the plug); without one, Neutron's port status is polled.
 *
 * <p>Thread-safe.
 */
final class PortReadiness {
  private static final Logger LOG = Logger.getLogger(PortReadiness.class.getName());
  private static final Duration FIRST_POLL = Duration.ofMillis(50);
  private static final Duration LONGEST_POLL = Duration.ofMillis(500);

  private final NeutronClient neutron;
  private final PortBinder binder;
  private final Duration timeout;
  private final boolean fatal;

  PortReadiness(NeutronClient neutron, PortBinder binder, Duration timeout, boolean fatal) {
    this.neutron = neutron;
    this.binder = binder;
    this.timeout = timeout;
    this.fatal = fatal;
  }

  /**
   * Waits for the port.
   *
   * @throws NotReadyException when it is not ready in time and waiting is fatal
   */
  void await(BoundPort bound) {
    if (timeout.isZero()) {
      return;
    }
    long start = System.nanoTime();
    DataplaneState state = binder.awaitDataplaneReady(bound, timeout);
    boolean ready =
        switch (state) {
          case READY -> true;
          case NOT_READY -> false;
          case NOT_OBSERVABLE -> pollNeutron(bound.portId(), start);
        };
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    if (ready) {
      LOG.fine(() -> "port " + bound.portId() + " ready after " + tookMillis + " ms");
      return;
    }
    String message =
        "port "
            + bound.portId()
            + " is not carrying traffic after "
            + timeout.toSeconds()
            + " s: check the Neutron agent or OVN controller of this host";
    if (fatal) {
      throw new NotReadyException(
          "failed to attach endpoint " + bound.endpointId() + ": " + message);
    }
    LOG.warning(() -> message + "; going on (vif_plugging_is_fatal = false)");
  }

  private boolean pollNeutron(String portId, long start) {
    Duration pause = FIRST_POLL;
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Port port = NeutronFailures.call("read port " + portId, () -> neutron.ports().get(portId));
      if (port.isActive()) {
        return true;
      }
      sleep(pause, deadline);
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
    }
    return false;
  }

  private static void sleep(Duration pause, long deadline) {
    long nanos = Math.min(pause.toNanos(), Math.max(0, deadline - System.nanoTime()));
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted while waiting for a port", e);
    }
  }
}
