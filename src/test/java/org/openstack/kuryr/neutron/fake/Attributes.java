package org.openstack.kuryr.neutron.fake;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openstack.kuryr.neutron.ResourceRequest;

/**
 * The attributes of a create or update request, read the way Neutron reads a body: attributes it
 * does not know are refused, so a request the fake would silently misread fails the test instead.
 */
final class Attributes {
  private final Map<String, Object> values;

  private Attributes(Map<String, Object> values) {
    this.values = values;
  }

  static Attributes of(ResourceRequest request, Set<String> known) {
    var unknown = new TreeSet<>(request.attributes().keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw Refusal.badRequest("HTTPBadRequest", "Unrecognized attribute(s) '" + unknown + "'");
    }
    return new Attributes(request.attributes());
  }

  /** Whether the request names the attribute, possibly as JSON null. */
  boolean has(String key) {
    return values.containsKey(key);
  }

  String string(String key) {
    Object value = values.get(key);
    return value == null ? null : value.toString();
  }

  String string(String key, String absent) {
    return has(key) ? string(key) : absent;
  }

  boolean bool(String key, boolean absent) {
    Object value = values.get(key);
    return value == null ? absent : (Boolean) value;
  }

  Integer integer(String key) {
    return (Integer) values.get(key);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> maps(String key) {
    return (List<Map<String, Object>>) values.get(key);
  }

  @SuppressWarnings("unchecked")
  List<String> strings(String key) {
    return (List<String>) values.get(key);
  }

  Object raw(String key) {
    return values.get(key);
  }
}
