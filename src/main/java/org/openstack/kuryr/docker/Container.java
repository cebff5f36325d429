package org.openstack.kuryr.docker;

import java.util.Map;

/**
 * A container as the engine lists it.
 *
 * @param id the container's full ID
 * @param name its name, without Docker's leading slash
 * @param running whether it runs
 * @param endpointIds the endpoint ID on each network the container is connected to, by Docker
 *     network ID; endpoints not created yet are left out
 */
public record Container(String id, String name, boolean running, Map<String, String> endpointIds) {
  /** Copies the map. */
  public Container {
    endpointIds = Map.copyOf(endpointIds);
  }
}
