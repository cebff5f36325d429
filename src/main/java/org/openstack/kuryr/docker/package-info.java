/**
 * The local Docker engine's API, as far as Kuryr needs it: which endpoint belongs to which named
 * container, and the events that change that (a container starts, is renamed, joins a network).
 *
 * <p>Docker tells a network plugin endpoint IDs but not container names (before Docker 29 it never
 * does), so the names that Neutron's DNS publishes for container ports come from here. The engine
 * is asked over its Unix socket with plain HTTP/1.1; this package and {@code neutron} are the only
 * ones that speak HTTP as a client.
 *
 * <p>Nullness: records hold no {@code null}s; optional values are {@link java.util.Optional}.
 */
package org.openstack.kuryr.docker;
