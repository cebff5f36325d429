package org.openstack.kuryr.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Neutron network. Scalars are {@code null} when absent (see the package documentation); lists
 * are never {@code null}.
 *
 * @param id the network's UUID
 * @param name the name, possibly empty
 * @param description the description, possibly empty
 * @param projectId the owning project
 * @param status {@code ACTIVE}, {@code DOWN}, {@code BUILD} or {@code ERROR}
 * @param adminStateUp whether the network is administratively up
 * @param mtu the MTU for ports on it ({@code net-mtu}), e.g. 1442 on Geneve
 * @param shared whether other projects may use it
 * @param routerExternal whether it is an external network ({@code router:external})
 * @param networkType the provider type ({@code provider:network_type}), e.g. {@code geneve}, {@code
 *     vlan}; admin only
 * @param physicalNetwork the provider physical network, or {@code null}; admin only
 * @param segmentationId the provider segmentation id (VLAN id, VNI), or {@code null}; admin only
 * @param subnets the ids of its subnets
 * @param dnsDomain the DNS domain of its ports ({@code dns-integration}), possibly empty
 * @param portSecurityEnabled the default of its ports' {@code port_security_enabled}
 * @param tags the tags
 * @param revisionNumber the revision, for {@code If-Match} updates
 */
public record Network(
    String id,
    String name,
    String description,
    String projectId,
    String status,
    Boolean adminStateUp,
    Integer mtu,
    Boolean shared,
    @JsonProperty("router:external") Boolean routerExternal,
    @JsonProperty("provider:network_type") String networkType,
    @JsonProperty("provider:physical_network") String physicalNetwork,
    @JsonProperty("provider:segmentation_id") Integer segmentationId,
    List<String> subnets,
    String dnsDomain,
    Boolean portSecurityEnabled,
    List<String> tags,
    Long revisionNumber) {

  /** Copies the lists, turning absent ones into empty ones. */
  public Network {
    name = Absent.asEmpty(name);
    subnets = Absent.asEmpty(subnets);
    tags = Absent.asEmpty(tags);
  }
}
