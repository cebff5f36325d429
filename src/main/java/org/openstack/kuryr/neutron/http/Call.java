package org.openstack.kuryr.neutron.http;

import java.util.Map;

/**
 * One Neutron request, relative to the endpoint, with what it means for messages and events.
 *
 * @param method the HTTP method
 * @param path the path and query under {@code /v2.0/}, already encoded
 * @param body the body to send as JSON (maps, lists, scalars), or {@code null}
 * @param resourceLabel what is addressed without ids, e.g. {@code ports/tags}
 * @param verb what is attempted, e.g. {@code create}
 * @param resourceName e.g. {@code port}
 * @param resourceId e.g. the port's id, or {@code null}
 * @param headers extra headers, e.g. {@code If-Match}
 */
record Call(
    String method,
    String path,
    Object body,
    String resourceLabel,
    String verb,
    String resourceName,
    String resourceId,
    Map<String, String> headers) {

  /** A call without body or extra headers. */
  static Call of(
      String method,
      String path,
      String resourceLabel,
      String verb,
      String resourceName,
      String resourceId) {
    return new Call(method, path, null, resourceLabel, verb, resourceName, resourceId, Map.of());
  }

  /** The same call with a body. */
  Call withBody(Object newBody) {
    return new Call(method, path, newBody, resourceLabel, verb, resourceName, resourceId, headers);
  }

  /** The same call with extra headers. */
  Call withHeaders(Map<String, String> newHeaders) {
    return new Call(method, path, body, resourceLabel, verb, resourceName, resourceId, newHeaders);
  }
}
