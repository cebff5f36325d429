package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * A Neutron trunk (extension {@code trunk}): a parent port that carries subports told apart by
 * VLAN. Scalars are {@code null} when absent (see the package documentation); lists are never
 * {@code null}.
 *
 * @param id the trunk's UUID
 * @param name the name, possibly empty
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param portId the parent port
 * @param status {@code ACTIVE}, {@code DOWN}, {@code BUILD}, {@code DEGRADED} or {@code ERROR}
 * @param adminStateUp whether the trunk is administratively up
 * @param subPorts the subports
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record Trunk(
    String id,
    String name,
    String description,
    String projectId,
    String portId,
    String status,
    Boolean adminStateUp,
    List<SubPort> subPorts,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the lists, turning absent ones into empty ones. */
  public Trunk {
    subPorts = Absent.asEmpty(subPorts);
    tags = Absent.asEmpty(tags);
  }
}
