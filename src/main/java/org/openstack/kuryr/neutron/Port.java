package org.openstack.kuryr.neutron;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A Neutron port as the server reported it. Scalars are {@code null} when absent (see the package
 * documentation); lists and maps are never {@code null}.
 *
 * @param id the port's UUID
 * @param name the name, possibly empty
 * @param description the description, possibly empty
 * @param networkId the network
 * @param projectId the owning project
 * @param macAddress the MAC, lower-case with colons
 * @param fixedIps addresses on subnets
 * @param deviceOwner who uses the port (empty for none), e.g. {@code compute:kuryr}, {@code
 *     network:router_interface}
 * @param deviceId the using device (empty for none), e.g. a container or router id
 * @param status {@code ACTIVE}, {@code DOWN}, {@code BUILD} or {@code ERROR}
 * @param adminStateUp whether the port is administratively up
 * @param bindingHostId the host the port is bound to ({@code binding:host_id}), empty when unbound
 * @param bindingVifType how to plug it, e.g. {@code ovs}, {@code unbound}, {@code binding_failed}
 * @param bindingVifDetails details for plugging, e.g. {@code bridge_name}, {@code datapath_type}
 * @param bindingVnicType {@code normal}, {@code direct}, ...
 * @param bindingProfile free-form binding information
 * @param allowedAddressPairs extra addresses the port may send from
 * @param securityGroups the security group ids
 * @param dnsName the DNS name ({@code dns-integration}), possibly empty
 * @param dnsAssignment the names Neutron assigned per address
 * @param portSecurityEnabled whether anti-spoofing and security groups apply
 * @param tags the tags ({@code standard-attr-tag})
 * @param revisionNumber the revision, for {@code If-Match} updates
 * @param trunkDetails the trunk this port is the parent of, or {@code null}
 */
public record Port(
    String id,
    String name,
    String description,
    String networkId,
    String projectId,
    String macAddress,
    List<FixedIp> fixedIps,
    String deviceOwner,
    String deviceId,
    String status,
    Boolean adminStateUp,
    @JsonProperty("binding:host_id") String bindingHostId,
    @JsonProperty("binding:vif_type") String bindingVifType,
    @JsonProperty("binding:vif_details") Map<String, Object> bindingVifDetails,
    @JsonProperty("binding:vnic_type") String bindingVnicType,
    @JsonProperty("binding:profile") Map<String, Object> bindingProfile,
    List<AddressPair> allowedAddressPairs,
    List<String> securityGroups,
    String dnsName,
    List<DnsAssignment> dnsAssignment,
    Boolean portSecurityEnabled,
    List<String> tags,
    Long revisionNumber,
    TrunkDetails trunkDetails) {

  /**
   * Copies the collections, turning absent ones into empty ones, and absent names, devices and
   * hosts into empty strings (Neutron's own value for "none").
   */
  public Port {
    name = Absent.asEmpty(name);
    deviceOwner = Absent.asEmpty(deviceOwner);
    deviceId = Absent.asEmpty(deviceId);
    bindingHostId = Absent.asEmpty(bindingHostId);
    fixedIps = Absent.asEmpty(fixedIps);
    bindingVifDetails = Absent.asEmpty(bindingVifDetails);
    bindingProfile = Absent.asEmpty(bindingProfile);
    allowedAddressPairs = Absent.asEmpty(allowedAddressPairs);
    securityGroups = Absent.asEmpty(securityGroups);
    dnsAssignment = Absent.asEmpty(dnsAssignment);
    tags = Absent.asEmpty(tags);
  }

  /** Whether Neutron says the port carries traffic ({@code status} is {@code ACTIVE}). */
  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
