package org.openstack.kuryr.mapping;

import java.util.Optional;

/**
 * The result of creating an endpoint.
 *
 * @param macAddress the port's MAC, reported only when Docker did not choose one
 */
public record EndpointCreated(Optional<String> macAddress) {}
