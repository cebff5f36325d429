package org.openstack.kuryr.binding.linux;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * The undo steps of one multi-step host operation. Every acquisition pushes its undo; on failure
 * the steps run newest first, so that each one finds the state it was written for.
 *
 * <p>Not thread-safe: one instance serves one operation on one thread.
 */
final class Rollback {
  private static final Logger LOG = Logger.getLogger(Rollback.class.getName());

  private final Deque<Step> steps = new ArrayDeque<>();
  private boolean committed;

  /** Registers how to undo something just created. */
  void push(String description, Runnable undo) {
    steps.push(new Step(description, undo));
  }

  /** The operation succeeded: nothing will be undone. */
  void commit() {
    committed = true;
    steps.clear();
  }

  /**
   * Undoes every pushed step, newest first, and returns {@code failure} for rethrowing. An undo
   * that fails does not stop the others; it is added to {@code failure} as suppressed, so the
   * original error stays the one reported.
   */
  <T extends Throwable> T undoAfter(T failure) {
    if (committed) {
      throw new IllegalStateException("rollback after commit", failure);
    }
    while (!steps.isEmpty()) {
      undo(steps.pop(), failure);
    }
    return failure;
  }

  private static void undo(Step step, Throwable failure) {
    try {
      step.undo().run();
    } catch (RuntimeException undoFailure) {
      LOG.warning(() -> "failed to undo: " + step.description() + ": " + undoFailure.getMessage());
      failure.addSuppressed(undoFailure);
    }
  }

  private record Step(String description, Runnable undo) {}
}
