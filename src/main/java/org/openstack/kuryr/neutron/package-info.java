/**
 * Kuryr's client for OpenStack Neutron: typed resources, queries, tags, capabilities and errors.
 *
 * <p>This package holds the contract that the mapping layer programs against: {@link
 * org.openstack.kuryr.neutron.NeutronClient}, one record per Neutron resource, one request builder
 * per writable resource, {@link org.openstack.kuryr.neutron.Query}, {@link
 * org.openstack.kuryr.neutron.Capabilities} and the closed {@link
 * org.openstack.kuryr.neutron.NeutronException} hierarchy. The HTTP implementation is in {@code
 * org.openstack.kuryr.neutron.http}, Keystone authentication and TLS in {@code
 * org.openstack.kuryr.neutron.auth}.
 *
 * <p>Nullness: resource records report what Neutron returned. A scalar field is {@code null} when
 * Neutron left it out (its extension is off, or a {@link org.openstack.kuryr.neutron.Query}
 * selected other fields) or sent JSON null (for example a subnet without a gateway); lists and maps
 * are never {@code null}, they are empty instead. Method parameters are never {@code null} unless
 * the method says so.
 */
package org.openstack.kuryr.neutron;
