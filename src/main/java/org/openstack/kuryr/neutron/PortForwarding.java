package org.openstack.kuryr.neutron;

/**
 * A port forwarding of a floating IP (extension {@code floating-ip-port-forwarding}): traffic to
 * the floating IP's external port goes to a port's internal address and port. Either the single
 * ports or the ranges ({@code floating-ip-port-forwarding-port-ranges}) are set; the others are
 * {@code null}.
 *
 * @param id the forwarding's UUID
 * @param protocol {@code tcp}, {@code udp}, ...
 * @param internalIpAddress the address of the internal port it forwards to
 * @param internalPortId the Neutron port it forwards to
 * @param internalPort the internal protocol port, or {@code null} when a range is used
 * @param externalPort the external protocol port, or {@code null} when a range is used
 * @param internalPortRange e.g. {@code 8000:8010}, or {@code null}
 * @param externalPortRange e.g. {@code 9000:9010}, or {@code null}
 * @param description the description, possibly empty
 */
public record PortForwarding(
    String id,
    String protocol,
    String internalIpAddress,
    String internalPortId,
    Integer internalPort,
    Integer externalPort,
    String internalPortRange,
    String externalPortRange,
    String description) {}
