package org.openstack.kuryr.neutron.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long a request is retried when that is safe: after a connection failure, and
 * after a 5xx answer to an idempotent request. Waits grow exponentially with full jitter, so that
 * many clients retrying at once spread out. Immutable and thread-safe.
 *
 * @param maxAttempts attempts in all, the first included; 1 never retries
 * @param initialBackoff the upper bound of the first wait
 * @param maxBackoff the upper bound of any wait
 * @param deadline the longest a call may take, all attempts and waits together
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

  /** Three attempts, waits up to 0.2 s then 0.4 s, at most one minute in all. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(1));

  /** Never retries. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));

  /** Validates the bounds. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(deadline, "deadline");
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 10, got " + maxAttempts);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
  }

  /**
   * The upper bound of the wait before the given retry (1 for the first retry): the initial backoff
   * doubled per retry, capped by the maximum.
   */
  public Duration backoffBound(int retry) {
    Duration bound = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
    return bound.compareTo(maxBackoff) > 0 ? maxBackoff : bound;
  }
}
