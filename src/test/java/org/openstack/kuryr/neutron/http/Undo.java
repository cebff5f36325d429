package org.openstack.kuryr.neutron.http;

import java.util.ArrayDeque;
import java.util.Deque;

/** Cleanup steps of a test, run newest first; every step runs even when one fails. */
final class Undo implements AutoCloseable {
  private final Deque<Runnable> steps = new ArrayDeque<>();

  /** Registers a step and returns the value it undoes, for chaining. */
  <T> T push(T value, Runnable step) {
    steps.push(step);
    return value;
  }

  @Override
  public void close() {
    AssertionError failures = null;
    while (!steps.isEmpty()) {
      try {
        steps.pop().run();
      } catch (RuntimeException e) {
        if (failures == null) {
          failures = new AssertionError("cleanup failed");
        }
        failures.addSuppressed(e);
      }
    }
    if (failures != null) {
      throw failures;
    }
  }
}
