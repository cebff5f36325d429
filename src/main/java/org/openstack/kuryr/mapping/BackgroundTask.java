package org.openstack.kuryr.mapping;

import java.util.Optional;

/**
 * Names the background work a thread does (refilling port pools, deleting released ports, naming
 * container ports in DNS), so that figures can tell its Neutron requests apart. Work on Docker's
 * calls is named by the plugin layer instead.
 *
 * <p>Thread-safe: the name is bound to the running thread for the duration of the work only.
 */
public final class BackgroundTask {
  private static final ScopedValue<String> NAME = ScopedValue.newInstance();

  private BackgroundTask() {}

  /** Runs {@code work} on the current thread under {@code name}. */
  public static void run(String name, Runnable work) {
    ScopedValue.where(NAME, name).run(work);
  }

  /** The name of the background work the current thread does, if any. */
  public static Optional<String> current() {
    return NAME.isBound() ? Optional.of(NAME.get()) : Optional.empty();
  }
}
