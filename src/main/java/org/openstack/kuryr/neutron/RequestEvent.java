package org.openstack.kuryr.neutron;

import java.time.Duration;

/**
 * One HTTP exchange with Neutron or Keystone, as told to a {@link NeutronListener}. A retried call
 * gives one event per attempt.
 *
 * @param service {@code network} (Neutron) or {@code identity} (Keystone)
 * @param method the HTTP method
 * @param resource what was addressed, e.g. {@code ports}, {@code ports/tags}, {@code
 *     trunks/add_subports}, {@code tokens}; never an id
 * @param status the HTTP status, or 0 when no answer came
 * @param duration from sending the request to reading the whole answer (or failing)
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param failure why no answer came (e.g. {@code connection refused}, {@code timed out}), or {@code
 *     null} when one came
 */
public record RequestEvent(
    String service,
    String method,
    String resource,
    int status,
    Duration duration,
    int attempt,
    String failure) {}
