package org.openstack.kuryr.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketEngineTest {
  private static final String CONTAINERS =
      """
      [{"Id":"c1","Names":["/web_1"],"State":"running","NetworkSettings":{"Networks":{
        "front":{"NetworkID":"n1","EndpointID":"e1"},
        "back":{"NetworkID":"n2","EndpointID":""}}}},
       {"Id":"c2","Names":["/db"],"State":"exited","NetworkSettings":{"Networks":{}}}]
      """;

  @TempDir Path dir;
  private FakeEngineServer server;
  private UnixSocketEngine engine;

  @BeforeEach
  void start() throws IOException {
    server = new FakeEngineServer(dir.resolve("docker.sock"));
    engine = new UnixSocketEngine(dir.resolve("docker.sock"), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void containersAreReadWithNamesStatesAndEndpointsFromAChunkedAnswer() {
    server.thenChunked(CONTAINERS.substring(0, 50), CONTAINERS.substring(50));

    List<Container> containers = engine.runningContainers();

    assertThat(containers)
        .containsExactly(
            new Container("c1", "web_1", true, Map.of("n1", "e1")),
            new Container("c2", "db", false, Map.of()));
    assertThat(server.requestHeads().getFirst())
        .startsWith("GET /containers/json HTTP/1.1\r\n")
        .contains("Host: docker\r\n");
  }

  @Test
  void aContainerIsFoundByItsExactIdAmongThoseTheFilterMatches() {
    server.thenAnswer(200, CONTAINERS);

    Optional<Container> found = engine.container("c2");

    assertThat(found).map(Container::name).contains("db");
    String target = URLDecoder.decode(server.requestHeads().getFirst(), StandardCharsets.UTF_8);
    assertThat(target).contains("all=1").contains("filters={\"id\":[\"c2\"]}");
  }

  @Test
  void eventsArriveOneByOneAcrossChunkBoundariesUntilTheEngineEndsTheStream() {
    String start =
        "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"c1\","
            + "\"Attributes\":{\"name\":\"web\"}}}\n";
    String connect =
        "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"n1\","
            + "\"Attributes\":{\"container\":\"c1\",\"type\":\"kuryr\"}}}\n";
    server.thenChunked(start.substring(0, 30), start.substring(30) + connect);

    try (EventStream events = engine.events()) {
      EngineEvent first = events.next().orElseThrow();
      EngineEvent second = events.next().orElseThrow();

      assertThat(first.action()).isEqualTo("start");
      assertThat(first.containerId()).contains("c1");
      assertThat(second.type()).isEqualTo("network");
      assertThat(second.containerId()).contains("c1");
      assertThat(second.actorId()).isEqualTo("n1");
      assertThat(events.next()).isEmpty();
    }
    assertThat(URLDecoder.decode(server.requestHeads().getFirst(), StandardCharsets.UTF_8))
        .contains("\"event\":[\"start\",\"rename\",\"connect\"]");
  }

  @Test
  void closingTheStreamReleasesAReaderWaitingForEvents() throws Exception {
    server.then(
        c -> {
          c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
          c.pause(10_000);
        });
    EventStream events = engine.events();
    var reader = CompletableFuture.supplyAsync(events::next);
    Thread.sleep(100);

    events.close();

    assertThat(reader.get(5, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void anErrorAnswerBecomesAFailureQuotingTheEngine() {
    server.thenAnswer(500, "{\"message\":\"daemon is shutting down\"}");

    assertThatThrownBy(() -> engine.runningContainers())
        .isInstanceOf(DockerEngineException.class)
        .hasMessageContaining("GET /containers/json")
        .hasMessageContaining("500")
        .hasMessageContaining("daemon is shutting down");
  }

  @Test
  void anEngineThatDoesNotAnswerFailsAfterTheTimeout() {
    server.then(c -> c.pause(5_000));

    assertThatThrownBy(() -> engine.runningContainers())
        .isInstanceOf(DockerEngineException.class)
        .hasMessageContaining("no answer within 500 ms");
  }

  @Test
  void aMalformedChunkIsAFailure() {
    server.then(c -> c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[]"));

    assertThatThrownBy(() -> engine.runningContainers())
        .isInstanceOf(DockerEngineException.class)
        .hasMessageContaining("malformed chunk size");
  }

  @Test
  void aMissingSocketIsAFailureNamingIt() {
    var absent = new UnixSocketEngine(dir.resolve("absent.sock"), Duration.ofMillis(500));

    assertThatThrownBy(absent::runningContainers)
        .isInstanceOf(DockerEngineException.class)
        .hasMessageContaining("cannot reach the engine at " + dir.resolve("absent.sock"));
  }
}
