package org.openstack.kuryr.libnetwork;

/**
 * One verb of the plugin protocol: decodes the request body, does the work and returns the reply
 * body (any record Jackson can write).
 */
@FunctionalInterface
interface PluginCall {
  /**
   * Handles one call.
   *
   * @param body the raw request body; empty for verbs without arguments
   * @return the reply body, serialized as JSON
   */
  Object handle(byte[] body);
}
