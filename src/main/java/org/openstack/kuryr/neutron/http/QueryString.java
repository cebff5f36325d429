package org.openstack.kuryr.neutron.http;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openstack.kuryr.neutron.Query;

/**
 * A {@link Query} as Neutron's query string: {@code key=value} per filter (repeated keys match any
 * value), tag filters as comma-separated lists, {@code fields} repeated, {@code limit} for the page
 * size. Stateless.
 */
final class QueryString {
  private QueryString() {}

  /** The query string with its leading {@code ?}, or empty for a query without conditions. */
  static String of(Query query) {
    var parts = new ArrayList<String>();
    query.filters().forEach(f -> parts.add(pair(f.getKey(), f.getValue())));
    addTags(parts, "tags", query.tags());
    addTags(parts, "tags-any", query.tagsAny());
    addTags(parts, "not-tags", query.notTags());
    addTags(parts, "not-tags-any", query.notTagsAny());
    query.fields().forEach(field -> parts.add(pair("fields", field)));
    query.pageSize().ifPresent(size -> parts.add("limit=" + size));
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static void addTags(List<String> parts, String name, List<String> tags) {
    if (!tags.isEmpty()) {
      String joined = tags.stream().map(PathSegment::encodeQuery).collect(Collectors.joining(","));
      parts.add(name + "=" + joined);
    }
  }

  private static String pair(String key, String value) {
    return PathSegment.encodeQuery(key) + "=" + PathSegment.encodeQuery(value);
  }
}
