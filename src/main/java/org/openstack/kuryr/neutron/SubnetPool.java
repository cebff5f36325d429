package org.openstack.kuryr.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Neutron subnet pool (extension {@code subnet_allocation}): prefixes that subnets are carved
 * from. Scalars are {@code null} when absent (see the package documentation); lists are never
 * {@code null}.
 *
 * @param id the pool's UUID
 * @param name the name, possibly empty
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param ipVersion 4 or 6
 * @param prefixes the prefixes, e.g. {@code 10.10.0.0/16}
 * @param defaultPrefixlen the prefix length of a subnet requested without one
 * @param minPrefixlen the smallest prefix length allowed
 * @param maxPrefixlen the largest prefix length allowed
 * @param shared whether other projects may allocate from it
 * @param isDefault whether it is the default pool of its IP version
 * @param addressScopeId the address scope, or {@code null}
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record SubnetPool(
    String id,
    String name,
    String description,
    String projectId,
    Integer ipVersion,
    List<String> prefixes,
    Integer defaultPrefixlen,
    Integer minPrefixlen,
    Integer maxPrefixlen,
    Boolean shared,
    @JsonProperty("is_default") Boolean isDefault,
    String addressScopeId,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the lists, turning absent ones into empty ones. */
  public SubnetPool {
    name = Absent.asEmpty(name);
    prefixes = Absent.asEmpty(prefixes);
    tags = Absent.asEmpty(tags);
  }
}
