package org.openstack.kuryr.neutron.fake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;

/**
 * One kind of resource of the fake Neutron with Neutron's rules for it. Called only while holding
 * the fake's lock; failures are {@link Refusal}s.
 *
 * @param <T> the record handed out
 */
interface Table<T> {
  ResourceKind kind();

  /** Every resource, in creation order. */
  List<T> list();

  Optional<T> find(String id);

  T create(ResourceRequest request);

  T update(String id, ResourceRequest request);

  /** Deletes the resource, or refuses as Neutron would (in use, not found). */
  void delete(String id);

  /** The ID of a record. */
  String id(T record);

  /** The tags of a record. */
  List<String> tags(T record);

  /** Whether Neutron takes this filter key for this kind. */
  default boolean knowsFilter(String key) {
    return filters().containsKey(key);
  }

  /** The filters Neutron takes for this kind, by query key, as the record's text value. */
  Map<String, Function<T, String>> filters();

  /** Whether the record matches one filter key with any of its values (Neutron ORs them). */
  default boolean matches(T record, String key, List<String> values) {
    Function<T, String> attribute = filters().get(key);
    if (attribute == null) {
      throw Refusal.badRequest("HTTPBadRequest", "Unknown filter '" + key + "' on " + kind());
    }
    String actual = String.valueOf(attribute.apply(record));
    boolean flag = actual.equals("true") || actual.equals("false");
    return values.stream().anyMatch(v -> flag ? v.equalsIgnoreCase(actual) : v.equals(actual));
  }

  /** The row, or a 404 like Neutron's. */
  static <R> R require(Map<String, R> rows, String id, ResourceKind kind) {
    R row = rows.get(id);
    if (row == null) {
      String name =
          switch (kind) {
            case NETWORK -> "Network";
            case SUBNET -> "Subnet";
            case SUBNET_POOL -> "SubnetPool";
            case PORT -> "Port";
            default -> kind.name();
          };
      throw Refusal.notFound(name + "NotFound", name + " " + id + " could not be found.");
    }
    return row;
  }
}
