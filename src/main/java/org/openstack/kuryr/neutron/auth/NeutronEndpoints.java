package org.openstack.kuryr.neutron.auth;

import java.net.URI;

/** Neutron's base URL as the client needs it: ending in {@code /v2.0/}. Stateless. */
final class NeutronEndpoints {
  private NeutronEndpoints() {}

  /**
   * Appends {@code v2.0/} unless the URL already ends in it (catalogs list Neutron both ways).
   *
   * @throws IllegalArgumentException when the URL is not absolute http(s)
   */
  static URI versioned(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("Neutron's URL must be http or https: " + url);
    }
    String text = url.toString();
    if (text.endsWith("/v2.0/")) {
      return url;
    }
    if (text.endsWith("/v2.0")) {
      return URI.create(text + "/");
    }
    return URI.create(text + (text.endsWith("/") ? "" : "/") + "v2.0/");
  }
}
