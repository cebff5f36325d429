package org.openstack.kuryr.docker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine behind a Unix socket such as {@code /run/docker.sock}. Only read-only calls are made.
 *
 * <p>Containers are listed rather than inspected: the engine answers a list from a snapshot, while
 * inspecting waits for the container's lock, which the engine holds while it starts the container
 * and calls this daemon's plugin API; asking from inside such a call would wait for itself.
 *
 * <p>Thread-safe.
 */
public final class UnixSocketEngine implements DockerEngine {
  static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final String EVENT_FILTERS =
      "{\"type\":[\"container\",\"network\"],\"event\":[\"start\",\"rename\",\"connect\"]}";

  private final UnixHttp http;

  /**
   * @param socket the engine's API socket
   * @param requestTimeout how long one request may take
   */
  public UnixSocketEngine(Path socket, Duration requestTimeout) {
    this.http = new UnixHttp(socket, requestTimeout);
  }

  @Override
  public List<Container> runningContainers() {
    return containers(read("/containers/json"));
  }

  @Override
  public Optional<Container> container(String containerId) {
    String filters = "{\"id\":[" + MAPPER.writeValueAsString(containerId) + "]}";
    // The id filter matches prefixes too.
    return containers(read("/containers/json?all=1&filters=" + encode(filters))).stream()
        .filter(c -> c.id().equals(containerId))
        .findFirst();
  }

  @Override
  public EventStream events() {
    return new JsonEventStream(http.open("/events?filters=" + encode(EVENT_FILTERS)));
  }

  private JsonNode read(String target) {
    byte[] body = http.get(target);
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new DockerEngineException(
          "failed to GET " + target + ": unreadable answer: " + e.getOriginalMessage(), e);
    }
  }

  static List<Container> containers(JsonNode list) {
    var containers = new ArrayList<Container>();
    for (JsonNode entry : list) {
      containers.add(container(entry));
    }
    return containers;
  }

  private static Container container(JsonNode entry) {
    String name = entry.path("Names").path(0).asString("");
    return new Container(
        entry.path("Id").asString(""),
        name.startsWith("/") ? name.substring(1) : name,
        entry.path("State").asString("").equals("running"),
        endpointIds(entry.path("NetworkSettings").path("Networks")));
  }

  private static Map<String, String> endpointIds(JsonNode networks) {
    var endpoints = new LinkedHashMap<String, String>();
    for (JsonNode network : networks) {
      String networkId = network.path("NetworkID").asString("");
      String endpointId = network.path("EndpointID").asString("");
      if (!networkId.isEmpty() && !endpointId.isEmpty()) {
        endpoints.put(networkId, endpointId);
      }
    }
    return endpoints;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
