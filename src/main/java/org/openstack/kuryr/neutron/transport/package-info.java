/**
 * HTTP exchanges with Keystone and Neutron: bounded timeouts, retries where they are safe, request
 * events, error bodies turned into {@link org.openstack.kuryr.neutron.NeutronException}s, JSON, and
 * TLS from PEM files. Shared by the Keystone session and the Neutron client.
 */
package org.openstack.kuryr.neutron.transport;
