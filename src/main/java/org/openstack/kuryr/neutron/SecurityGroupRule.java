package org.openstack.kuryr.neutron;

/**
 * A rule of a security group. Scalars are {@code null} when absent or when the rule leaves them
 * open (no protocol: any protocol; no port range: all ports; no remote: anywhere).
 *
 * @param id the rule's UUID
 * @param securityGroupId the group it belongs to
 * @param projectId the owning project
 * @param direction {@code ingress} or {@code egress}
 * @param ethertype {@code IPv4} or {@code IPv6}
 * @param protocol e.g. {@code tcp}, {@code udp}, {@code icmp}, or a number; {@code null} for any
 * @param portRangeMin the first port (for ICMP: the type), or {@code null}
 * @param portRangeMax the last port (for ICMP: the code), or {@code null}
 * @param remoteIpPrefix the remote CIDR, or {@code null}
 * @param remoteGroupId the remote security group, or {@code null}
 * @param description the description, possibly empty
 * @param revisionNumber the revision
 */
public record SecurityGroupRule(
    String id,
    String securityGroupId,
    String projectId,
    String direction,
    String ethertype,
    String protocol,
    Integer portRangeMin,
    Integer portRangeMax,
    String remoteIpPrefix,
    String remoteGroupId,
    String description,
    Long revisionNumber) {}
