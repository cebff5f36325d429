package org.openstack.kuryr.neutron;

/**
 * The DNS name Neutron assigned to one address of a port ({@code dns_assignment} entry, extension
 * {@code dns-integration}).
 *
 * @param hostname the host name, e.g. {@code web1} or {@code host-10-0-0-5}
 * @param ipAddress the address the name resolves to
 * @param fqdn the fully qualified name, ending with a dot
 */
public record DnsAssignment(String hostname, String ipAddress, String fqdn) {}
