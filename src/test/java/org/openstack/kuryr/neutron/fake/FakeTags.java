package org.openstack.kuryr.neutron.fake;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.ResourceKind;
import org.openstack.kuryr.neutron.Tags;

/** Tags, one request per call as over HTTP, with the client's own checks on tag names. */
final class FakeTags implements Tags {
  private static final int MAX_TAG_LENGTH = 255;

  private final FakeNeutron fake;
  private final FakeState state;

  FakeTags(FakeNeutron fake, FakeState state) {
    this.fake = fake;
    this.state = state;
  }

  @Override
  public List<String> list(ResourceKind kind, String id) {
    return fake.call(
        "GET",
        label(kind),
        "list tags of",
        kind.displayName(),
        id,
        () -> List.copyOf(of(kind, id)));
  }

  @Override
  public void add(ResourceKind kind, String id, String tag) {
    requireAlone(tag);
    fake.call(
        "PUT",
        label(kind),
        "add tag " + tag + " to",
        kind.displayName(),
        id,
        () -> changed(kind, id, of(kind, id).add(valid(tag))));
  }

  @Override
  public boolean remove(ResourceKind kind, String id, String tag) {
    requireAlone(tag);
    try {
      return fake.call(
          "DELETE",
          label(kind),
          "remove tag " + tag + " from",
          kind.displayName(),
          id,
          () -> {
            if (!of(kind, id).remove(tag)) {
              throw Refusal.notFound("TagNotFound", "Tag " + tag + " could not be found.");
            }
            return changed(kind, id, true);
          });
    } catch (NeutronException.NotFound e) {
      return false;
    }
  }

  @Override
  public List<String> replace(ResourceKind kind, String id, List<String> tags) {
    return fake.call(
        "PUT",
        label(kind),
        "set tags of",
        kind.displayName(),
        id,
        () -> {
          Set<String> current = of(kind, id);
          tags.forEach(FakeTags::valid);
          changed(kind, id, !current.equals(new TreeSet<>(tags)));
          current.clear();
          current.addAll(tags);
          return List.copyOf(current);
        });
  }

  // A change of tags is a new revision of the resource, as any other change.
  private boolean changed(ResourceKind kind, String id, boolean changed) {
    if (changed) {
      state.row(kind, id).orElseThrow().revision++;
    }
    return changed;
  }

  private Set<String> of(ResourceKind kind, String id) {
    return state
        .tagsOf(kind, id)
        .orElseThrow(
            () -> Refusal.notFound("NotFound", kind.displayName() + " " + id + " not found"));
  }

  private static String valid(String tag) {
    if (tag.length() > MAX_TAG_LENGTH) {
      throw Refusal.badRequest("InvalidInput", "tag longer than " + MAX_TAG_LENGTH);
    }
    return tag;
  }

  // As the HTTP client: Neutron's routing cannot take a tag with a slash in a URL path.
  private static void requireAlone(String tag) {
    if (tag.isEmpty() || tag.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a tag added or removed alone must hold no '/'");
    }
  }

  private static String label(ResourceKind kind) {
    if (!kind.taggable()) {
      throw new IllegalArgumentException(kind.displayName() + "s cannot be tagged");
    }
    return kind.collectionPath() + "/tags";
  }
}
