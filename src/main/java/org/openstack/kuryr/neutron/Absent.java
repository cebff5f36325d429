package org.openstack.kuryr.neutron;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the collections Neutron left out into empty ones, so records never hold null lists. */
final class Absent {
  private Absent() {}

  static String asEmpty(String text) {
    return text == null ? "" : text;
  }

  static <T> List<T> asEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  // Not Map.copyOf: binding:profile and binding:vif_details may legitimately hold JSON nulls.
  static Map<String, Object> asEmpty(Map<String, Object> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
