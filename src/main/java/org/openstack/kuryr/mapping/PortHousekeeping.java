package org.openstack.kuryr.mapping;

import java.time.Duration;
import java.util.Map;

/**
 * The daemon's side of the ports kept between Docker's calls: the pool of ports created ahead of
 * time, and the deletions of released ports in the background.
 *
 * <p>Thread-safe.
 */
public interface PortHousekeeping extends AutoCloseable {
  /**
   * Finds this host's pool ports again after a start, and deletes what a daemon that stopped left
   * half done (released ports not yet deleted). Meant to run once, in the background.
   *
   * @throws org.openstack.kuryr.error.KuryrException when Neutron cannot be asked
   */
  void recover();

  /**
   * Figures for operators and benchmarks: free pool ports per network and subnet ({@code
   * port_pool}), released pool ports being checked before they are free again ({@code
   * port_pool_returns_pending}), port deletions waiting or running in the background ({@code
   * port_deletions_pending}).
   */
  Map<String, Object> figures();

  /**
   * Waits until the ports of released addresses are dealt with in the background: deleted (a
   * deletion waiting to be tried again counts as not done), or checked and back in the pool. For
   * callers that count what a container's lifecycle cost Neutron, and for tests. Pool refills are
   * not waited for.
   *
   * @return whether that happened within {@code timeout}
   */
  boolean awaitReleases(Duration timeout);

  /** Stops background work, waiting at most {@code grace} for port deletions under way. */
  void close(Duration grace);

  @Override
  default void close() {
    close(Duration.ofSeconds(5));
  }
}
