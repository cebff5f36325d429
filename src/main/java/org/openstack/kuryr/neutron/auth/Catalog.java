package org.openstack.kuryr.neutron.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Finds Neutron's endpoint in the catalog of a Keystone v3 token: the service of type {@code
 * network}, the endpoint on the wanted interface and, when a region is given, in that region.
 * Stateless.
 */
final class Catalog {
  private Catalog() {}

  /**
   * The endpoint's URL.
   *
   * @throws IllegalArgumentException when the catalog has no such endpoint; the message lists what
   *     it has, to help fix region_name or endpoint_type
   */
  static URI networkEndpoint(JsonNode catalog, EndpointSelection selection) {
    var seen = new ArrayList<String>();
    for (JsonNode service : catalog) {
      if (!"network".equals(service.path("type").asString(""))) {
        continue;
      }
      for (JsonNode endpoint : service.path("endpoints")) {
        if (matches(endpoint, selection)) {
          return URI.create(endpoint.path("url").asString());
        }
        seen.add(describe(endpoint));
      }
    }
    throw new IllegalArgumentException(missing(selection, seen));
  }

  private static boolean matches(JsonNode endpoint, EndpointSelection selection) {
    String wanted = selection.endpointInterface().catalogName();
    if (!wanted.equals(endpoint.path("interface").asString(""))) {
      return false;
    }
    String region = selection.regionName();
    return region == null
        || region.equals(endpoint.path("region_id").asString(""))
        || region.equals(endpoint.path("region").asString(""));
  }

  private static String describe(JsonNode endpoint) {
    return endpoint.path("interface").asString("?")
        + " in "
        + endpoint.path("region_id").asString(endpoint.path("region").asString("?"));
  }

  private static String missing(EndpointSelection selection, List<String> seen) {
    String wanted =
        selection.endpointInterface().catalogName()
            + (selection.regionName() == null ? "" : " in " + selection.regionName());
    if (seen.isEmpty()) {
      return "Keystone's catalog has no 'network' service; set endpoint_override";
    }
    return "Keystone's catalog has no " + wanted + " network endpoint, only: " + seen;
  }
}
