package org.openstack.kuryr.neutron.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of URL parts: ids and tags may hold any character. Stateless. */
final class PathSegment {
  private PathSegment() {}

  /** Encodes one path segment (a space becomes {@code %20}, a slash {@code %2F}). */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Encodes one query parameter name or value. */
  static String encodeQuery(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
