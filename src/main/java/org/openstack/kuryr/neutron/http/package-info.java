/**
 * The {@link org.openstack.kuryr.neutron.NeutronClient} over HTTP: Neutron's v2.0 REST API with
 * JSON bodies, pagination, tags, conditional updates, and one re-authentication after a 401.
 */
package org.openstack.kuryr.neutron.http;
