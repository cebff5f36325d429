package org.openstack.kuryr.neutron;

/**
 * A kind of Neutron resource that can also be updated. Implementations are thread-safe.
 *
 * @param <T> the resource record
 * @param <R> the request that creates and updates it
 */
public interface UpdatableResources<T, R extends ResourceRequest> extends Resources<T, R> {
  /**
   * Changes the attributes set in the request and nothing else. Tags in the request are ignored:
   * use {@link Tags}.
   *
   * @return the resource as updated
   * @throws NeutronException.NotFound when there is no such resource
   */
  T update(String id, R request);

  /**
   * Like {@link #update(String, ResourceRequest)}, but only if the resource is still at the
   * expected revision (extension {@code revision-if-match}), for a safe read-modify-write.
   *
   * @param expectedRevision the {@code revision_number} read before
   * @throws NeutronException.Conflict with {@link NeutronException.Conflict#isRevisionMismatch()}
   *     when another writer changed the resource in between
   */
  T update(String id, R request, long expectedRevision);
}
