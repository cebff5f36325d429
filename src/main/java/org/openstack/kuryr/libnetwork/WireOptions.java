package org.openstack.kuryr.libnetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.mapping.ExternalConnectivity.ExposedPort;
import org.openstack.kuryr.mapping.ExternalConnectivity.Protocol;
import org.openstack.kuryr.mapping.ExternalConnectivity.PublishedPort;

/** Reads the loosely typed option maps Docker sends. */
final class WireOptions {
  static final String EXPOSED_PORTS = "com.docker.network.endpoint.exposedports";
  static final String PORT_MAP = "com.docker.network.portmap";

  private WireOptions() {}

  /**
   * The string-valued entries of an options map, other values turned into their text; structured
   * values (lists, maps) are dropped: they are Docker's own, not user options.
   */
  static Map<String, String> strings(Object options) {
    if (options == null) {
      return Map.of();
    }
    if (!(options instanceof Map<?, ?> map)) {
      throw new InvalidRequestException("malformed options: expected an object, got " + options);
    }
    var strings = new LinkedHashMap<String, String>();
    map.forEach(
        (key, value) -> {
          if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            strings.put(String.valueOf(key), String.valueOf(value));
          }
        });
    return strings;
  }

  static List<ExposedPort> exposedPorts(Map<String, Object> options) {
    return entries(options.get(EXPOSED_PORTS), EXPOSED_PORTS).stream()
        .map(e -> new ExposedPort(protocol(e), number(e, "Port")))
        .toList();
  }

  static List<PublishedPort> publishedPorts(Map<String, Object> options) {
    return entries(options.get(PORT_MAP), PORT_MAP).stream()
        .map(
            e -> {
              int hostPort = number(e, "HostPort");
              int hostPortEnd = e.get("HostPortEnd") == null ? 0 : number(e, "HostPortEnd");
              return new PublishedPort(
                  protocol(e),
                  number(e, "Port"),
                  e.get("HostIP") == null ? "" : String.valueOf(e.get("HostIP")),
                  hostPort,
                  Math.max(hostPort, hostPortEnd));
            })
        .toList();
  }

  private static List<Map<?, ?>> entries(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidRequestException("malformed " + key + ": expected a list");
    }
    var entries = new ArrayList<Map<?, ?>>();
    for (Object entry : list) {
      if (!(entry instanceof Map<?, ?> map)) {
        throw new InvalidRequestException("malformed " + key + " entry: " + entry);
      }
      entries.add(map);
    }
    return entries;
  }

  private static Protocol protocol(Map<?, ?> entry) {
    return Protocol.fromNumber(number(entry, "Proto"));
  }

  private static int number(Map<?, ?> entry, String field) {
    Object value = entry.get(field);
    if (value instanceof Number number) {
      return number.intValue();
    }
    throw new InvalidRequestException("malformed port entry " + entry + ": " + field);
  }
}
