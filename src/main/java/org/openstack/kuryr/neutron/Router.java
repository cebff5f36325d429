package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * A Neutron router (extension {@code router}). Scalars are {@code null} when absent (see the
 * package documentation); lists are never {@code null}.
 *
 * @param id the router's UUID
 * @param name the name, possibly empty
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param status {@code ACTIVE}, {@code DOWN}, ...
 * @param adminStateUp whether the router is administratively up
 * @param externalGatewayInfo its gateway to an external network, or {@code null} when it has none
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record Router(
    String id,
    String name,
    String description,
    String projectId,
    String status,
    Boolean adminStateUp,
    ExternalGatewayInfo externalGatewayInfo,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the lists, turning absent ones into empty ones. */
  public Router {
    tags = Absent.asEmpty(tags);
  }

  /**
   * A router's gateway to an external network.
   *
   * @param networkId the external network
   * @param enableSnat whether traffic leaving through the gateway is source-NATed, or {@code null}
   *     for Neutron's default
   * @param externalFixedIps the gateway's addresses; never {@code null}
   */
  public record ExternalGatewayInfo(
      String networkId, Boolean enableSnat, List<FixedIp> externalFixedIps) {
    /** Copies the list, turning an absent one into an empty one. */
    public ExternalGatewayInfo {
      externalFixedIps = Absent.asEmpty(externalFixedIps);
    }

    /** A gateway on the external network with Neutron's defaults. */
    public static ExternalGatewayInfo on(String networkId) {
      return new ExternalGatewayInfo(networkId, null, List.of());
    }
  }
}
