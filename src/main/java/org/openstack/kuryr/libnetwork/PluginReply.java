package org.openstack.kuryr.libnetwork;

/**
 * A serialized reply.
 *
 * @param status HTTP status
 * @param body JSON bytes
 */
record PluginReply(int status, byte[] body) {}
