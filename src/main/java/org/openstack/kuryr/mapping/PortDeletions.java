package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Port;

/**
 * Deletes released ports in the background, with a few workers: a port deletion takes Neutron a few
 * hundred milliseconds, and {@code docker run --rm} would otherwise wait for it. A port to delete
 * carries {@link KuryrTags#RELEASED_PORT} already, so when the daemon stops first it is deleted at
 * the next start; a deletion that fails is tried again a few times.
 *
 * <p>Thread-safe.
 */
final class PortDeletions implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PortDeletions.class.getName());
  private static final int WORKERS = 3;
  private static final int DELETE_ATTEMPTS = 5;
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

  /** One port to delete, not before a time when it is a retry. */
  private record Deletion(String networkId, int attempt, long notBeforeNanos) {}

  private final NeutronClient neutron;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
  private final LinkedHashMap<String, Deletion> waiting = new LinkedHashMap<>();
  private final Map<String, Deletion> running = new HashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private boolean closed;

  PortDeletions(NeutronClient neutron) {
    this.neutron = neutron;
    for (int i = 0; i < WORKERS; i++) {
      workers.add(
          Thread.ofVirtual()
              .name("port-deletions-" + i)
              .start(() -> BackgroundTask.run("port deletions", this::work)));
    }
  }

  /** Deletes the port, later; it should carry {@link KuryrTags#RELEASED_PORT} already. */
  void delete(Port port) {
    submit(port.id(), new Deletion(port.networkId(), 1, 0));
  }

  /** How many deletions wait or run. */
  int backlog() {
    lock.lock();
    try {
      return waiting.size() + running.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no deletion waits or runs for ports of a network, e.g. before deleting its subnets.
   *
   * @return whether none is left; false after {@code timeout}
   */
  boolean awaitNetwork(String networkId, Duration timeout) {
    return awaitUntil(() -> !touches(networkId), timeout);
  }

  /**
   * Waits until no deletion waits or runs, including those waiting to be tried again.
   *
   * @return whether none is left; false after {@code timeout}
   */
  boolean awaitIdle(Duration timeout) {
    return awaitUntil(() -> waiting.isEmpty() && running.isEmpty(), timeout);
  }

  private boolean awaitUntil(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !awaitSignal(left)) {
          return false;
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean touches(String networkId) {
    return waiting.values().stream().anyMatch(c -> c.networkId().equals(networkId))
        || running.values().stream().anyMatch(c -> c.networkId().equals(networkId));
  }

  private void submit(String portId, Deletion deletion) {
    lock.lock();
    try {
      if (closed) {
        LOG.warning(() -> "stopping: port " + portId + " is deleted at the next start");
        return;
      }
      waiting.putIfAbsent(portId, deletion);
      signal.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void work() {
    for (var next = next(); next != null; next = next()) {
      try {
        apply(next.getKey(), next.getValue());
      } finally {
        finished(next.getKey());
      }
    }
  }

  /** The next deletion due that no worker runs, or null when closed and nothing is left. */
  private Map.Entry<String, Deletion> next() {
    lock.lock();
    try {
      while (true) {
        long wait = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, Deletion>> it = waiting.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<String, Deletion> entry = it.next();
          long early = entry.getValue().notBeforeNanos() - System.nanoTime();
          if (!running.containsKey(entry.getKey()) && early <= 0) {
            it.remove();
            running.put(entry.getKey(), entry.getValue());
            return Map.entry(entry.getKey(), entry.getValue());
          }
          wait = Math.min(wait, Math.max(early, 1));
        }
        if (closed && waiting.isEmpty()) {
          return null;
        }
        if (!awaitSignal(wait)) {
          return null;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  // Called with the lock held; false when interrupted.
  private boolean awaitSignal(long nanos) {
    try {
      if (nanos == Long.MAX_VALUE) {
        signal.await();
      } else {
        signal.await(nanos, TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void finished(String portId) {
    lock.lock();
    try {
      running.remove(portId);
      signal.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void apply(String portId, Deletion deletion) {
    try {
      if (neutron.ports().delete(portId)) {
        LOG.info(() -> "deleted port " + portId);
      }
    } catch (RuntimeException e) {
      // A worker outlives any one failure: Neutron's, or a malformed answer.
      failed(portId, deletion, e);
    }
  }

  private void failed(String portId, Deletion deletion, RuntimeException e) {
    if (deletion.attempt() >= DELETE_ATTEMPTS) {
      LOG.warning(
          () ->
              "failed to delete port "
                  + portId
                  + ": "
                  + e.getMessage()
                  + "; it is deleted at the next start");
      return;
    }
    LOG.warning(
        () ->
            "failed to delete port "
                + portId
                + " (attempt "
                + deletion.attempt()
                + "): "
                + e.getMessage()
                + "; retrying in "
                + RETRY_PAUSE.toSeconds()
                + " s");
    long notBefore = System.nanoTime() + RETRY_PAUSE.toNanos();
    submit(portId, new Deletion(deletion.networkId(), deletion.attempt() + 1, notBefore));
  }

  /**
   * Stops taking deletions and waits at most {@code grace} for those left; what is still undone
   * then is left to the next start.
   */
  void close(Duration grace) {
    lock.lock();
    try {
      closed = true;
      signal.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread worker : workers) {
      joinUntil(worker, deadline);
    }
  }

  private static void joinUntil(Thread worker, long deadline) {
    try {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
        worker.interrupt();
      }
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
