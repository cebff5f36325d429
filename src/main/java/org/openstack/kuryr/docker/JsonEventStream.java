package org.openstack.kuryr.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * The engine's {@code /events} answer: JSON objects one after another, for as long as the
 * connection lasts. Not thread-safe for reading; {@link #close()} may come from another thread.
 */
final class JsonEventStream implements EventStream {
  private final UnixHttp.Answer answer;
  private MappingIterator<JsonNode> events;
  private volatile boolean closed;

  JsonEventStream(UnixHttp.Answer answer) {
    this.answer = answer;
  }

  @Override
  public Optional<EngineEvent> next() {
    try {
      // Made on first use: Jackson reads ahead to detect the encoding, which waits for an event.
      if (events == null) {
        events = UnixSocketEngine.MAPPER.readerFor(JsonNode.class).readValues(answer.body());
      }
      if (!events.hasNextValue()) {
        return Optional.empty();
      }
      return Optional.of(event(events.nextValue()));
    } catch (JacksonException e) {
      if (closed) {
        return Optional.empty();
      }
      throw new DockerEngineException("failed to read the engine's events: " + e.getMessage(), e);
    }
  }

  static EngineEvent event(JsonNode node) {
    JsonNode actor = node.path("Actor");
    var attributes = new LinkedHashMap<String, String>();
    for (Map.Entry<String, JsonNode> attribute : actor.path("Attributes").properties()) {
      attributes.put(attribute.getKey(), attribute.getValue().asString(""));
    }
    return new EngineEvent(
        node.path("Type").asString(""),
        node.path("Action").asString(""),
        actor.path("ID").asString(""),
        attributes);
  }

  @Override
  public void close() {
    closed = true;
    answer.close();
  }
}
