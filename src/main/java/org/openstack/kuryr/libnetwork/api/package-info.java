/**
 * Docker's libnetwork remote plugin protocol as records: one per request and response body of the
 * {@code Plugin}, {@code NetworkDriver} and {@code IpamDriver} interfaces, with Docker's own field
 * names. Requests validate their required fields in their constructors and tolerate unknown fields,
 * which newer engines add.
 */
package org.openstack.kuryr.libnetwork.api;
