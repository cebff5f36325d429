package org.openstack.kuryr.neutron.transport;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to send, with what it means (for messages and events). Immutable.
 *
 * @param service {@code network} or {@code identity}, for events
 * @param method the HTTP method
 * @param uri the full URL
 * @param headers extra headers (e.g. {@code X-Auth-Token}); never logged
 * @param body the JSON body, or {@code null} for none
 * @param resourceLabel what is addressed without ids, e.g. {@code ports/tags}, for events
 * @param verb what is attempted, e.g. {@code create}, for messages
 * @param resourceName e.g. {@code port}, for messages
 * @param resourceId e.g. the port's id, or {@code null}, for messages
 * @param repeatable whether sending it twice does no harm, so that it may be retried after the
 *     request may have been sent: true for GET, PUT and DELETE, and for a Keystone token request (a
 *     second token just expires unused); false for a Neutron POST, which creates
 */
public record Exchange(
    String service,
    String method,
    URI uri,
    Map<String, String> headers,
    String body,
    String resourceLabel,
    String verb,
    String resourceName,
    String resourceId,
    boolean repeatable) {

  /** Copies the headers. */
  public Exchange {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(resourceLabel, "resourceLabel");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(resourceName, "resourceName");
  }

  /** Whether a request with this method can be repeated without doing more than once. */
  public static boolean isIdempotent(String method) {
    return !method.equals("POST");
  }

  /** The same exchange with different headers (e.g. a fresh token). */
  public Exchange withHeaders(Map<String, String> newHeaders) {
    return new Exchange(
        service,
        method,
        uri,
        newHeaders,
        body,
        resourceLabel,
        verb,
        resourceName,
        resourceId,
        repeatable);
  }
}
