/**
 * Authentication to Neutron: Keystone v3 sessions (password, application credential, token) with
 * cached, renewed tokens and the catalog lookup of Neutron's endpoint; Neutron without Keystone
 * (noauth); and the settings read from {@code OS_*} variables, {@code clouds.yaml} and kuryr.conf.
 */
package org.openstack.kuryr.neutron.auth;
