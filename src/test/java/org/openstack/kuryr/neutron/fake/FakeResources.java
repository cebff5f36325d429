package org.openstack.kuryr.neutron.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.ResourceRequest;
import org.openstack.kuryr.neutron.UpdatableResources;

/**
 * One kind of resource of the fake, answering as the HTTP client does over the real Neutron: one
 * request per call, and a create with tags is a second request to set them when the server cannot
 * take them in the create (the created resource is deleted again when that fails).
 */
class FakeResources<T, R extends ResourceRequest> implements UpdatableResources<T, R> {
  final FakeNeutron fake;
  final Table<T> table;

  FakeResources(FakeNeutron fake, Table<T> table) {
    this.fake = fake;
    this.table = table;
  }

  String collection() {
    return table.kind().collectionPath();
  }

  String noun() {
    return table.kind().displayName();
  }

  @Override
  public List<T> list(Query query) {
    return fake.call("GET", collection(), "list", noun() + "s", null, () -> matching(query));
  }

  private List<T> matching(Query query) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (Map.Entry<String, String> filter : query.filters()) {
      if (!table.knowsFilter(filter.getKey())) {
        throw Refusal.badRequest("HTTPBadRequest", "Unknown filter '" + filter.getKey() + "'");
      }
      filters.computeIfAbsent(filter.getKey(), k -> new ArrayList<>()).add(filter.getValue());
    }
    return table.list().stream()
        .filter(r -> filters.entrySet().stream().allMatch(f -> matches(r, f)))
        .filter(r -> tagsMatch(table.tags(r), query))
        .toList();
  }

  private boolean matches(T record, Map.Entry<String, List<String>> filter) {
    return table.matches(record, filter.getKey(), filter.getValue());
  }

  private static boolean tagsMatch(List<String> tags, Query query) {
    boolean all = tags.containsAll(query.tags());
    boolean any = query.tagsAny().isEmpty() || query.tagsAny().stream().anyMatch(tags::contains);
    boolean notAll = query.notTags().isEmpty() || !tags.containsAll(query.notTags());
    boolean none = query.notTagsAny().stream().noneMatch(tags::contains);
    return all && any && notAll && none;
  }

  @Override
  public T get(String id) {
    return fake.call("GET", collection(), "get", noun(), id, () -> require(id));
  }

  T require(String id) {
    return table.find(id).orElseThrow(() -> Refusal.notFound(noun(), noun() + " " + id));
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
    List<String> tags = request.tags();
    boolean tagsInBody = !tags.isEmpty() && fake.announced().tagsOnCreate(table.kind());
    T created =
        fake.call(
            "POST",
            collection(),
            "create",
            noun(),
            null,
            () -> {
              T record = table.create(request);
              return tagsInBody ? fake.setTags(table, table.id(record), tags) : record;
            });
    if (tags.isEmpty() || tagsInBody) {
      return created;
    }
    return tagAfterCreate(table.id(created), tags);
  }

  T tagAfterCreate(String id, List<String> tags) {
    try {
      fake.tags().replace(table.kind(), id, tags);
    } catch (NeutronException e) {
      try {
        delete(id);
      } catch (NeutronException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
    return fake.read(() -> require(id));
  }

  @Override
  public T update(String id, R request) {
    return fake.call("PUT", collection(), "update", noun(), id, () -> updated(id, request));
  }

  /** As with {@code If-Match: revision_number=<expected>}: 412 when another change came first. */
  @Override
  public T update(String id, R request, long expectedRevision) {
    return fake.call(
        "PUT",
        collection(),
        "update",
        noun(),
        id,
        () -> {
          require(id);
          long revision = fake.revisionOf(table.kind(), id);
          if (revision != expectedRevision) {
            throw Refusal.preconditionFailed(
                "RevisionNumberConstraintFailed",
                "Constraint failed: revision_number is " + revision + ", not " + expectedRevision);
          }
          return updated(id, request);
        });
  }

  // Neutron counts a revision only when the update changed something.
  private T updated(String id, R request) {
    T before = require(id);
    T after = table.update(id, request);
    if (after.equals(before)) {
      return after;
    }
    fake.newRevision(table.kind(), id);
    return require(id);
  }

  @Override
  public boolean delete(String id) {
    try {
      return fake.call(
          "DELETE",
          collection(),
          "delete",
          noun(),
          id,
          () -> {
            table.delete(id);
            return true;
          });
    } catch (NeutronException.NotFound e) {
      return false;
    }
  }
}
