package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * A Neutron security group with its rules. Scalars are {@code null} when absent (see the package
 * documentation); lists are never {@code null}.
 *
 * @param id the group's UUID
 * @param name the name
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param stateful whether replies are let through automatically ({@code stateful-security-group})
 * @param securityGroupRules its rules
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record SecurityGroup(
    String id,
    String name,
    String description,
    String projectId,
    Boolean stateful,
    List<SecurityGroupRule> securityGroupRules,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the lists, turning absent ones into empty ones. */
  public SecurityGroup {
    securityGroupRules = Absent.asEmpty(securityGroupRules);
    tags = Absent.asEmpty(tags);
  }
}
