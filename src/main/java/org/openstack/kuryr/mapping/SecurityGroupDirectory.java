package org.openstack.kuryr.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openstack.kuryr.error.InvalidRequestException;
import org.openstack.kuryr.neutron.NeutronClient;
import org.openstack.kuryr.neutron.Query;
import org.openstack.kuryr.neutron.SecurityGroup;

/**
 * Finds the security groups that options and the configuration name, by ID or by name. A name is
 * looked up in the project of the port or network it is for, because every project has a group
 * called {@code default} and an administrator sees them all.
 *
 * <p>Thread-safe. The configured default groups are looked up once per project and kept.
 */
final class SecurityGroupDirectory {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  private static final String CONFIGURATION = "[neutron] security_groups";

  private final NeutronClient neutron;
  private final List<String> configuredDefaults;
  private final ConcurrentHashMap<String, List<String>> defaultsByProject =
      new ConcurrentHashMap<>();

  /**
   * @param configuredDefaults the groups of container ports nothing else names; empty leaves
   *     Neutron's default group
   */
  SecurityGroupDirectory(NeutronClient neutron, List<String> configuredDefaults) {
    this.neutron = neutron;
    this.configuredDefaults = List.copyOf(configuredDefaults);
  }

  /**
   * The IDs of the groups named.
   *
   * @param projectId the project the groups must belong to when named by name, or empty for any
   * @param option the option that named them, for messages
   * @throws InvalidRequestException when a group does not exist, or a name is ambiguous
   */
  List<String> resolve(List<String> references, Optional<String> projectId, String option) {
    var ids = new ArrayList<String>();
    for (String reference : references) {
      String id = resolveOne(reference, projectId, option);
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Checks that every group named exists in some project, for when the project is not known yet.
   *
   * @throws InvalidRequestException naming the first group that does not exist
   */
  void requireKnown(List<String> references, String option) {
    for (String reference : references) {
      if (!isId(reference) && byName(reference, Optional.empty()).isEmpty()) {
        throw unknown(reference, Optional.empty(), option);
      }
    }
  }

  /** The IDs of the configured default groups in a project; empty when none are configured. */
  List<String> defaults(String projectId) {
    if (configuredDefaults.isEmpty()) {
      return List.of();
    }
    return defaultsByProject.computeIfAbsent(
        projectId, p -> resolve(configuredDefaults, Optional.of(p), CONFIGURATION));
  }

  private String resolveOne(String reference, Optional<String> projectId, String option) {
    if (isId(reference)) {
      return reference;
    }
    List<SecurityGroup> named = byName(reference, projectId);
    if (named.isEmpty()) {
      throw unknown(reference, projectId, option);
    }
    if (named.size() > 1) {
      throw new InvalidRequestException(
          named.size()
              + " security groups are named '"
              + reference
              + "'"
              + inProject(projectId)
              + ": give the ID of the one to use in "
              + option);
    }
    return named.getFirst().id();
  }

  // A group's own ID, as a name would be too; one request tells both apart.
  private boolean isId(String reference) {
    return UUID.matcher(reference).matches()
        && NeutronFailures.call(
                "find security group " + reference, () -> neutron.securityGroups().find(reference))
            .isPresent();
  }

  private static InvalidRequestException unknown(
      String reference, Optional<String> projectId, String option) {
    return new InvalidRequestException(
        "no security group '" + reference + "'" + inProject(projectId) + " (" + option + ")");
  }

  private List<SecurityGroup> byName(String name, Optional<String> projectId) {
    var query = Query.builder().where("name", name);
    projectId.ifPresent(p -> query.where("project_id", p));
    return NeutronFailures.call(
        "find security group " + name, () -> neutron.securityGroups().list(query.build()));
  }

  private static String inProject(Optional<String> projectId) {
    return projectId.map(p -> " in project " + p).orElse("");
  }
}
