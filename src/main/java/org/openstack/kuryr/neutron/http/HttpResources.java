package org.openstack.kuryr.neutron.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openstack.kuryr.neutron.Capabilities;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.UpdatableResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One kind of resource over Neutron's REST conventions: {@code GET/POST <collection>}, {@code
 * GET/PUT/DELETE <collection>/<id>}, bodies wrapped in the resource's JSON key, pages linked by
 * {@code <collection>_links}. Thread-safe.
 *
 * @param <T> the resource record
 * @param <R> its request
 */
class HttpResources<T, R extends ResourceRequest> implements UpdatableResources<T, R> {
  private final ResourceKind kind;
  private final String collectionPath;
  private final String label;
  private final String resourceName;
  private final Class<T> type;
  final NeutronCalls calls;
  private final Supplier<Capabilities> capabilities;

  HttpResources(
      ResourceKind kind,
      String collectionPath,
      String label,
      String resourceName,
      Class<T> type,
      NeutronCalls calls,
      Supplier<Capabilities> capabilities) {
    this.kind = kind;
    this.collectionPath = collectionPath;
    this.label = label;
    this.resourceName = resourceName;
    this.type = type;
    this.calls = calls;
    this.capabilities = capabilities;
  }

  /** The resources of a top-level collection, e.g. {@code ports}. */
  static <T, R extends ResourceRequest> HttpResources<T, R> of(
      ResourceKind kind, Class<T> type, NeutronCalls calls, Supplier<Capabilities> capabilities) {
    return new HttpResources<>(
        kind,
        kind.collectionPath(),
        kind.collectionPath(),
        kind.displayName(),
        type,
        calls,
        capabilities);
  }

  @Override
  public List<T> list(Query query) {
    var resources = new ArrayList<T>();
    Set<String> pagesSeen = new HashSet<>();
    Call call = listCall(QueryString.of(query));
    while (call != null) {
      JsonNode page = calls.json(call);
      JsonNode items = page.path(kind.collectionKey());
      for (JsonNode item : items) {
        resources.add(calls.convert(call, item, type));
      }
      call = items.isEmpty() ? null : nextPage(page, pagesSeen);
    }
    return resources;
  }

  @Override
  public T get(String id) {
    Call call = Call.of("GET", itemPath(id), label, "get", resourceName, id);
    return read(call, calls.json(call));
  }

  @Override
  public Optional<T> find(String id) {
    try {
      return Optional.of(get(id));
    } catch (NeutronException.NotFound e) {
      return Optional.empty();
    }
  }

  @Override
  public T create(R request) {
    boolean tagsInBody = !request.tags().isEmpty() && tagsOnCreate();
    Call call =
        Call.of("POST", collectionPath, label, "create", resourceName, null)
            .withBody(wrap(body(request, tagsInBody)));
    JsonNode created = calls.json(call).path(kind.jsonKey());
    if (carries(created, request.tags())) {
      return calls.convert(call, created, type);
    }
    return calls.convert(call, tagAfterCreate((ObjectNode) created, request.tags()), type);
  }

  // A server may accept tags in a create request and drop them (Neutron 2023.1 does for ports
  // unless its tag_ports_during_bulk_creation driver runs), so the answer is what counts.
  static boolean carries(JsonNode created, List<String> tags) {
    var carried = new HashSet<String>();
    created.path("tags").forEach(tag -> carried.add(tag.asString()));
    return carried.containsAll(tags);
  }

  @Override
  public T update(String id, R request) {
    return update(id, request, Map.of());
  }

  @Override
  public T update(String id, R request, long expectedRevision) {
    return update(id, request, Map.of("If-Match", "revision_number=" + expectedRevision));
  }

  @Override
  public boolean delete(String id) {
    try {
      calls.json(Call.of("DELETE", itemPath(id), label, "delete", resourceName, id));
      return true;
    } catch (NeutronException.NotFound e) {
      return false;
    }
  }

  private T update(String id, R request, Map<String, String> headers) {
    Call call =
        Call.of("PUT", itemPath(id), label, "update", resourceName, id)
            .withBody(wrap(request.attributes()))
            .withHeaders(headers);
    return read(call, calls.json(call));
  }

  private T read(Call call, JsonNode answer) {
    return calls.convert(call, answer.path(kind.jsonKey()), type);
  }

  Map<String, Object> body(R request, boolean withTags) {
    var body = new LinkedHashMap<String, Object>(request.attributes());
    if (withTags) {
      body.put("tags", request.tags());
    }
    return body;
  }

  boolean tagsOnCreate() {
    return capabilities.get().tagsOnCreate(kind);
  }

  /**
   * Tags a resource just created; if that fails, deletes it again so that the caller never holds a
   * resource it asked to be tagged without the tags.
   */
  ObjectNode tagAfterCreate(ObjectNode created, List<String> tags) {
    try {
      return setTags(created, tags);
    } catch (NeutronException e) {
      undoCreate(created.path("id").asString(), e);
      throw e;
    }
  }

  /**
   * Sets the tags of a resource just created, and its answer's tags with them. Tagging changes the
   * revision, which the answer then no longer knows.
   */
  ObjectNode setTags(ObjectNode created, List<String> tags) {
    List<String> stored = new HttpTags(calls).replace(kind, created.path("id").asString(), tags);
    ArrayNode tagsNode = created.putArray("tags");
    stored.forEach(tagsNode::add);
    created.putNull("revision_number");
    return created;
  }

  private void undoCreate(String id, NeutronException cause) {
    try {
      delete(id);
    } catch (NeutronException undo) {
      cause.addSuppressed(undo);
    }
  }

  private Map<String, Object> wrap(Object body) {
    return Map.of(kind.jsonKey(), body);
  }

  String itemPath(String id) {
    return collectionPath + "/" + PathSegment.encode(id);
  }

  private Call listCall(String queryString) {
    return Call.of("GET", collectionPath + queryString, label, "list", resourceName + "s", null);
  }

  // Neutron's next link repeats the filters and adds a marker. Only its query is taken: the
  // link's host may be one the server sees itself under, not the one configured here. A query
  // seen before ends the listing rather than looping.
  private Call nextPage(JsonNode page, Set<String> pagesSeen) {
    for (JsonNode link : page.path(kind.collectionKey() + "_links")) {
      if ("next".equals(link.path("rel").asString(""))) {
        String query = URI.create(link.path("href").asString()).getRawQuery();
        return query == null || !pagesSeen.add(query) ? null : listCall("?" + query);
      }
    }
    return null;
  }
}
