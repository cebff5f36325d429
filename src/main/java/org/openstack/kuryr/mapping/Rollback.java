package org.openstack.kuryr.mapping;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * Undoes a multi-step operation that failed halfway. Each step that acquires something (a Neutron
 * resource, a tag, a host device) pushes its undo right after it succeeds; {@link #commit()} at the
 * end keeps everything, and {@link #close()} without a commit undoes in reverse order. An undo that
 * fails is added to the original failure as suppressed and logged, never replacing it.
 *
 * <p>Use with try-with-resources. Not thread-safe: one operation, one thread.
 */
public final class Rollback implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Rollback.class.getName());

  /** One undo step. */
  @FunctionalInterface
  public interface Undo {
    /** Reverts one acquisition. */
    void run() throws Exception;
  }

  private record Step(String description, Undo undo) {}

  private final String operation;
  private final Deque<Step> steps = new ArrayDeque<>();
  private boolean committed;
  private Throwable failure;

  /**
   * @param operation what is being done, for logs (e.g. {@code create network 1a2b3c})
   */
  public Rollback(String operation) {
    this.operation = operation;
  }

  /** Registers the undo of a step that has just succeeded. */
  public void push(String description, Undo undo) {
    steps.push(new Step(description, undo));
  }

  /** Keeps everything: nothing is undone. */
  public void commit() {
    committed = true;
  }

  /**
   * Records the failure that aborts the operation, so undo failures are attached to it. Returns it
   * for {@code throw rollback.fail(e)}.
   */
  public <T extends Throwable> T fail(T cause) {
    this.failure = cause;
    return cause;
  }

  @Override
  public void close() {
    if (committed) {
      return;
    }
    while (!steps.isEmpty()) {
      Step step = steps.pop();
      try {
        step.undo().run();
      } catch (Exception e) {
        LOG.warning(() -> "failed to undo " + step.description() + " of " + operation + ": " + e);
        if (failure != null) {
          failure.addSuppressed(e);
        }
      }
    }
  }
}
