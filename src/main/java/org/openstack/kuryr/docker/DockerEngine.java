package org.openstack.kuryr.docker;

import java.util.List;
import java.util.Optional;

/**
 * The parts of the Docker engine API Kuryr reads. Implementations are thread-safe; every call is
 * bounded in time except reading the event stream, which waits for the next event.
 */
public interface DockerEngine {
  /**
   * The containers that are running now.
   *
   * @throws DockerEngineException when the engine cannot be asked
   */
  List<Container> runningContainers();

  /**
   * The container with this ID, running or not.
   *
   * @return empty when the engine knows no such container
   * @throws DockerEngineException when the engine cannot be asked
   */
  Optional<Container> container(String containerId);

  /**
   * Starts following the engine's container and network events from now on.
   *
   * @throws DockerEngineException when the engine cannot be asked
   */
  EventStream events();
}
