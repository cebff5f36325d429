package org.openstack.kuryr.neutron;

import java.util.List;
import java.util.Optional;

/**
 * One kind of Neutron resource: list, read, create and delete. Implementations are thread-safe.
 *
 * <p>Every method throws a {@link NeutronException} when Neutron refuses the request or cannot be
 * reached; the exception's message names the verb, the resource and its id.
 *
 * @param <T> the resource record, e.g. {@link Network}
 * @param <R> the request that creates it, e.g. {@link NetworkRequest}
 */
public interface Resources<T, R extends ResourceRequest> {
  /** The resources matching the query, across all pages. */
  List<T> list(Query query);

  /** Every resource visible to the caller, across all pages. */
  default List<T> list() {
    return list(Query.all());
  }

  /**
   * The resource with this id.
   *
   * @throws NeutronException.NotFound when there is none
   */
  T get(String id);

  /** The resource with this id, or empty when there is none. */
  Optional<T> find(String id);

  /**
   * Creates a resource with the request's tags. When the server cannot take tags in the create
   * request, they are set right after it; if that fails, the new resource is deleted again and the
   * failure thrown, so a caller never sees an untagged resource it asked to be tagged. In that case
   * the returned resource's {@code revision_number} is {@code null}, since tagging changed it: read
   * the resource again before an update that expects a revision.
   */
  T create(R request);

  /**
   * Deletes the resource. Safe to repeat.
   *
   * @return {@code true} when it was deleted, {@code false} when it was already gone
   */
  boolean delete(String id);
}
