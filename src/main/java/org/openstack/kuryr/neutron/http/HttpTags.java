package org.openstack.kuryr.neutron.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Tags;
import tools.jackson.databind.JsonNode;

/** Tags over {@code <collection>/<id>/tags[/<tag>]}. Thread-safe. */
final class HttpTags implements Tags {
  private final NeutronCalls calls;

  HttpTags(NeutronCalls calls) {
    this.calls = calls;
  }

  @Override
  public List<String> list(ResourceKind kind, String id) {
    Call call = Call.of("GET", tagsPath(kind, id), label(kind), "list tags of", name(kind), id);
    return strings(calls.json(call).path("tags"));
  }

  @Override
  public void add(ResourceKind kind, String id, String tag) {
    String verb = "add tag " + tag + " to";
    calls.json(Call.of("PUT", tagPath(kind, id, tag), label(kind), verb, name(kind), id));
  }

  @Override
  public boolean remove(ResourceKind kind, String id, String tag) {
    String verb = "remove tag " + tag + " from";
    try {
      calls.json(Call.of("DELETE", tagPath(kind, id, tag), label(kind), verb, name(kind), id));
      return true;
    } catch (NeutronException.NotFound e) {
      return false;
    }
  }

  @Override
  public List<String> replace(ResourceKind kind, String id, List<String> tags) {
    Call call =
        Call.of("PUT", tagsPath(kind, id), label(kind), "set tags of", name(kind), id)
            .withBody(Map.of("tags", List.copyOf(tags)));
    return strings(calls.json(call).path("tags"));
  }

  private static String tagsPath(ResourceKind kind, String id) {
    if (!kind.taggable()) {
      throw new IllegalArgumentException(kind.displayName() + "s cannot be tagged");
    }
    return kind.collectionPath() + "/" + PathSegment.encode(id) + "/tags";
  }

  // Neutron's URL routing decodes %2F before matching, so a tag holding a slash never reaches
  // the tag controller when named in the path; only replace() can set such a tag.
  private static String tagPath(ResourceKind kind, String id, String tag) {
    if (tag.isEmpty() || tag.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "a tag added or removed alone must be non-empty and hold no '/': '" + tag + "'");
    }
    return tagsPath(kind, id) + "/" + PathSegment.encode(tag);
  }

  private static String label(ResourceKind kind) {
    return kind.collectionPath() + "/tags";
  }

  private static String name(ResourceKind kind) {
    return kind.displayName();
  }

  private static List<String> strings(JsonNode array) {
    var strings = new ArrayList<String>();
    array.forEach(item -> strings.add(item.asString()));
    return List.copyOf(strings);
  }
}
