package org.openstack.kuryr.neutron;

/**
 * Told of every HTTP exchange the client makes, for metrics and benchmarks without scraping logs.
 * Called on the thread that made the request, after the answer was read: implementations must be
 * thread-safe and fast, and must not throw.
 */
@FunctionalInterface
public interface NeutronListener {
  /** A listener that ignores everything. */
  NeutronListener NONE = event -> {};

  /** One exchange finished, with an answer or without one. */
  void requestFinished(RequestEvent event);
}
