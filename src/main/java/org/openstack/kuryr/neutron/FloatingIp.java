package org.openstack.kuryr.neutron;

import java.util.List;

/**
 * A Neutron floating IP: an address on an external network, optionally associated with a port.
 * Scalars are {@code null} when absent (see the package documentation); lists are never {@code
 * null}.
 *
 * @param id the floating IP's UUID
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param floatingIpAddress the external address
 * @param floatingNetworkId the external network
 * @param routerId the router doing the NAT, or {@code null} while not associated
 * @param portId the associated port, or {@code null} while not associated
 * @param fixedIpAddress the port's address it maps to, or {@code null} while not associated
 * @param status {@code ACTIVE}, {@code DOWN} or {@code ERROR}
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record FloatingIp(
    String id,
    String description,
    String projectId,
    String floatingIpAddress,
    String floatingNetworkId,
    String routerId,
    String portId,
    String fixedIpAddress,
    String status,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the list, turning an absent one into an empty one. */
  public FloatingIp {
    tags = Absent.asEmpty(tags);
  }
}
