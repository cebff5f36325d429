package org.openstack.kuryr.docker;

import java.util.Map;
import java.util.Optional;

/**
 * One event of the engine's event stream.
 *
 * @param type {@code container}, {@code network}, ...
 * @param action e.g. {@code start}, {@code rename}, {@code connect}
 * @param actorId the container's or network's ID
 * @param attributes the actor's attributes, e.g. a container's {@code name}, or the {@code
 *     container} a network event is about
 */
public record EngineEvent(
    String type, String action, String actorId, Map<String, String> attributes) {
  /** Copies the attributes. */
  public EngineEvent {
    attributes = Map.copyOf(attributes);
  }

  /** The container the event is about, if it is about one. */
  public Optional<String> containerId() {
    return switch (type) {
      case "container" -> Optional.of(actorId).filter(id -> !id.isEmpty());
      case "network" -> Optional.ofNullable(attributes.get("container"));
      default -> Optional.empty();
    };
  }
}
