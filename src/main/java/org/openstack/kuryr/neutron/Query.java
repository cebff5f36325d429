package org.openstack.kuryr.neutron;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to list: equality filters, tag filters, the fields to return and the page size. Every filter
 * narrows the result (Neutron combines different keys with AND, and the values of one key with OR).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}. Pagination is followed to the end by
 * the client, so the page size only changes how many requests a listing takes.
 */
public final class Query {
  private static final Query ALL = builder().build();

  private final List<Map.Entry<String, String>> filters;
  private final List<String> tags;
  private final List<String> tagsAny;
  private final List<String> notTags;
  private final List<String> notTagsAny;
  private final List<String> fields;
  private final int pageSize;

  private Query(Builder builder) {
    this.filters = List.copyOf(builder.filters);
    this.tags = List.copyOf(builder.tags);
    this.tagsAny = List.copyOf(builder.tagsAny);
    this.notTags = List.copyOf(builder.notTags);
    this.notTagsAny = List.copyOf(builder.notTagsAny);
    this.fields = List.copyOf(builder.fields);
    this.pageSize = builder.pageSize;
  }

  /** Matches everything. */
  public static Query all() {
    return ALL;
  }

  /** Matches resources whose attribute {@code key} equals {@code value}. */
  public static Query where(String key, String value) {
    return builder().where(key, value).build();
  }

  /** Matches resources that carry every one of the tags. */
  public static Query tagged(String... tags) {
    return builder().tags(tags).build();
  }

  /** Starts a query. */
  public static Builder builder() {
    return new Builder();
  }

  /** Equality filters in the order given; a key may repeat. */
  public List<Map.Entry<String, String>> filters() {
    return filters;
  }

  /** Tags a resource must all carry ({@code tags}). */
  public List<String> tags() {
    return tags;
  }

  /** Tags of which a resource must carry at least one ({@code tags-any}). */
  public List<String> tagsAny() {
    return tagsAny;
  }

  /** Tags a resource must not carry all of ({@code not-tags}). */
  public List<String> notTags() {
    return notTags;
  }

  /** Tags of which a resource must carry none ({@code not-tags-any}). */
  public List<String> notTagsAny() {
    return notTagsAny;
  }

  /** Attributes to return; empty returns all of them. */
  public List<String> fields() {
    return fields;
  }

  /** Resources per page, or empty to let Neutron decide (usually: all in one page). */
  public OptionalInt pageSize() {
    return pageSize > 0 ? OptionalInt.of(pageSize) : OptionalInt.empty();
  }

  @Override
  public String toString() {
    return "Query[filters="
        + filters
        + ", tags="
        + tags
        + ", tagsAny="
        + tagsAny
        + ", notTags="
        + notTags
        + ", notTagsAny="
        + notTagsAny
        + ", fields="
        + fields
        + ", pageSize="
        + pageSize
        + "]";
  }

  /** Builds a {@link Query}; not thread-safe. */
  public static final class Builder {
    private final List<Map.Entry<String, String>> filters = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> tagsAny = new ArrayList<>();
    private final List<String> notTags = new ArrayList<>();
    private final List<String> notTagsAny = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private int pageSize;

    private Builder() {}

    /**
     * Adds an equality filter. Repeating a key matches any of its values (several {@code id}s);
     * sub-attribute filters are written as Neutron expects, e.g. {@code where("fixed_ips",
     * "ip_address=10.0.0.5")}.
     */
    public Builder where(String key, String value) {
      filters.add(Map.entry(requireText(key, "key"), Objects.requireNonNull(value, "value")));
      return this;
    }

    /** Matches any of the given ids. */
    public Builder ids(List<String> ids) {
      ids.forEach(id -> where("id", id));
      return this;
    }

    /** Requires every one of the tags. */
    public Builder tags(String... values) {
      return addTags(tags, values);
    }

    /** Requires at least one of the tags. */
    public Builder tagsAny(String... values) {
      return addTags(tagsAny, values);
    }

    /** Excludes resources carrying all of the tags. */
    public Builder notTags(String... values) {
      return addTags(notTags, values);
    }

    /** Excludes resources carrying any of the tags. */
    public Builder notTagsAny(String... values) {
      return addTags(notTagsAny, values);
    }

    /** Returns only these attributes (plus whatever Neutron always adds). */
    public Builder fields(String... names) {
      for (String name : names) {
        fields.add(requireText(name, "field"));
      }
      return this;
    }

    /**
     * Lists in pages of this many resources. Neutron then sends a {@code next} link per page, which
     * the client follows.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder pageSize(int resources) {
      if (resources <= 0) {
        throw new IllegalArgumentException("page size must be positive, got " + resources);
      }
      this.pageSize = resources;
      return this;
    }

    /** The query. */
    public Query build() {
      return new Query(this);
    }

    // Neutron joins a tag filter's values with commas, so a tag containing one cannot be matched.
    private Builder addTags(List<String> target, String... values) {
      for (String tag : values) {
        requireText(tag, "tag");
        if (tag.indexOf(',') >= 0) {
          throw new IllegalArgumentException("a tag filter cannot contain a comma: '" + tag + "'");
        }
        target.add(tag);
      }
      return this;
    }

    private static String requireText(String value, String what) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return value;
    }
  }
}
