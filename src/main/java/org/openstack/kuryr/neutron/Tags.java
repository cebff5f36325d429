package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * Tags on any taggable resource (extension {@code standard-attr-tag}); see {@link
 * ResourceKind#taggable()}. Thread-safe.
 *
 * <p>A tag is a string of at most 255 characters; Neutron keeps a resource's tags as a set. Every
 * method throws {@link IllegalArgumentException} when the kind is not taggable.
 */
public interface Tags {
  /**
   * The resource's tags.
   *
   * @throws NeutronException.NotFound when there is no such resource
   */
  List<String> list(ResourceKind kind, String id);

  /**
   * Adds a tag. Adding a tag the resource already carries changes nothing. A tag holding a {@code
   * /} cannot be added alone (Neutron cannot route it): use {@link #replace}.
   *
   * @throws NeutronException.NotFound when there is no such resource
   */
  void add(ResourceKind kind, String id, String tag);

  /**
   * Removes a tag. Safe to repeat.
   *
   * @return {@code true} when it was removed, {@code false} when the tag or the resource was
   *     already gone
   */
  boolean remove(ResourceKind kind, String id, String tag);

  /**
   * Replaces all the resource's tags with these (in one request).
   *
   * @return the tags as Neutron stored them
   * @throws NeutronException.NotFound when there is no such resource
   */
  List<String> replace(ResourceKind kind, String id, List<String> tags);
}
