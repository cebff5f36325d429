package org.openstack.kuryr.mapping;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes work on the same key (a CIDR, a Docker network, an endpoint) while work on different
 * keys runs in parallel. Neutron has no transactions across requests, so a read-then-write on one
 * resource must not interleave with another on the same resource within this daemon.
 *
 * <p>Thread-safe. Locks are removed when no one holds or waits for them.
 */
final class KeyedLocks {
  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /** Runs {@code work} holding the lock of {@code key}. */
  <T> T with(String key, Supplier<T> work) {
    Entry entry = acquire(key);
    entry.lock.lock();
    try {
      return work.get();
    } finally {
      entry.lock.unlock();
      release(key);
    }
  }

  /** Runs {@code work} holding the lock of {@code key}. */
  void run(String key, Runnable work) {
    with(
        key,
        () -> {
          work.run();
          return null;
        });
  }

  private Entry acquire(String key) {
    return locks.compute(
        key,
        (k, existing) -> {
          Entry entry = existing == null ? new Entry() : existing;
          entry.users++;
          return entry;
        });
  }

  private void release(String key) {
    locks.computeIfPresent(key, (k, entry) -> --entry.users == 0 ? null : entry);
  }
}
