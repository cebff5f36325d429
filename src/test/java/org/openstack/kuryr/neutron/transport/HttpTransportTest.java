package org.openstack.kuryr.neutron.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstack.kuryr.neutron.FakeHttpServer;
import org.openstack.kuryr.neutron.FakeHttpServer.Reply;
import org.openstack.kuryr.neutron.NeutronException;
import org.openstack.kuryr.neutron.NeutronListener;
import org.openstack.kuryr.neutron.RequestEvent;

class HttpTransportTest {
  private static final RetryPolicy QUICK_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10));

  private final List<RequestEvent> events = new CopyOnWriteArrayList<>();
  private final FakeHttpServer server = FakeHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void getIsRetriedAfter5xxUntilItSucceeds() {
    server.enqueue(Reply.json(503, "{}"), Reply.json(502, "{}"), Reply.json(200, "{\"ok\":1}"));

    Response response = transport(QUICK_RETRIES).send(exchange("GET", server.uri()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(server.requests()).hasSize(3);
    assertThat(events).extracting(RequestEvent::status).containsExactly(503, 502, 200);
    assertThat(events).extracting(RequestEvent::attempt).containsExactly(1, 2, 3);
  }

  @Test
  void getGivesUpAfterMaxAttemptsAndReturnsTheLast5xx() {
    server.route(r -> Reply.json(500, "{}"));

    Response response = transport(QUICK_RETRIES).send(exchange("GET", server.uri()));

    assertThat(response.status()).isEqualTo(500);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void postIsNotRetriedAfter5xx() {
    server.route(r -> Reply.json(500, "{}"));

    Response response = transport(QUICK_RETRIES).send(exchange("POST", server.uri()));

    assertThat(response.status()).isEqualTo(500);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void clientErrorsAreNotRetried() {
    server.route(r -> Reply.json(409, "{}"));

    transport(QUICK_RETRIES).send(exchange("PUT", server.uri()));

    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void refusedConnectionFailsBoundedAndSaysNothingWasApplied() throws IOException {
    URI closed = URI.create("http://127.0.0.1:" + freePort());

    assertThatThrownBy(() -> transport(QUICK_RETRIES).send(exchange("POST", closed)))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class,
            e -> {
              assertThat(e.mayHaveBeenApplied()).isFalse();
              assertThat(e.getMessage())
                  .startsWith("failed to create port: cannot connect to 127.0.0.1:");
            });
    assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.status()).isZero());
  }

  @Test
  void postIsRetriedWhenTheConnectionWasRefused() throws IOException {
    int port = freePort();
    var late = new AtomicReference<FakeHttpServer>();
    NeutronListener startServerAfterFirstAttempt =
        event -> {
          if (late.get() == null) {
            late.set(FakeHttpServer.startOn(port).enqueue(Reply.json(201, "{}")));
          }
        };
    var transport =
        new HttpTransport(
            http(), QUICK_RETRIES, Duration.ofSeconds(5), startServerAfterFirstAttempt);

    try {
      Response response = transport.send(exchange("POST", URI.create("http://127.0.0.1:" + port)));
      assertThat(response.status()).isEqualTo(201);
      assertThat(late.get().requests()).hasSize(1);
    } finally {
      late.get().close();
    }
  }

  @Test
  void getIsRetriedAfterTheConnectionDropsWithoutAnswer() {
    server.enqueue(Reply.drop(), Reply.json(200, "{}"));

    Response response = transport(QUICK_RETRIES).send(exchange("GET", server.uri()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void postIsNotRepeatedAfterTheConnectionDropsSinceItMayHaveBeenApplied() {
    server.enqueue(Reply.drop(), Reply.json(201, "{}"));

    assertThatThrownBy(() -> transport(QUICK_RETRIES).send(exchange("POST", server.uri())))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class, e -> assertThat(e.mayHaveBeenApplied()).isTrue());
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void serverThatNeverAnswersFailsWithinTheRequestTimeoutWithoutRetry() {
    server.route(r -> Reply.never());
    var transport = new HttpTransport(http(), QUICK_RETRIES, Duration.ofMillis(300), events::add);

    long start = System.nanoTime();
    assertThatThrownBy(() -> transport.send(exchange("GET", server.uri())))
        .isInstanceOfSatisfying(
            NeutronException.Unavailable.class,
            e -> {
              assertThat(e.getMessage())
                  .containsPattern("no answer from 127.0.0.1:\\d+ within 0.3 s");
              assertThat(e.mayHaveBeenApplied()).isTrue();
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void deadlineBoundsTheWholeCallAcrossRetries() {
    server.route(r -> Reply.json(503, "{}"));
    var slowRetries =
        new RetryPolicy(10, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(500));

    long start = System.nanoTime();
    Response response = transport(slowRetries).send(exchange("GET", server.uri()));

    assertThat(response.status()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void eventsNameTheResourceWithoutIdsOrHeaders() {
    server.enqueue(Reply.json(200, "{}"));

    transport(RetryPolicy.NONE).send(exchange("GET", server.uri()));

    RequestEvent event = events.getFirst();
    assertThat(event.service()).isEqualTo("network");
    assertThat(event.resource()).isEqualTo("ports");
    assertThat(event.failure()).isNull();
    assertThat(event.duration()).isPositive();
  }

  @Test
  void headersAndBodyAreSent() {
    server.enqueue(Reply.json(200, "{}"));
    Exchange exchange =
        exchange("PUT", server.uri()).withHeaders(Map.of("X-Auth-Token", "secret-token"));

    transport(RetryPolicy.NONE).send(exchange);

    var request = server.requests().getFirst();
    assertThat(request.header("X-Auth-Token")).isEqualTo("secret-token");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.body()).isEqualTo("{\"port\":{}}");
  }

  @Test
  void subjectTokenHeaderIsReturnedButNotPrinted() {
    server.enqueue(Reply.json(201, "{}").withHeader("X-Subject-Token", "tok-123"));

    Response response = transport(RetryPolicy.NONE).send(exchange("POST", server.uri()));

    assertThat(response.token()).contains("tok-123");
    assertThat(response.toString()).doesNotContain("tok-123");
  }

  private HttpTransport transport(RetryPolicy policy) {
    return new HttpTransport(http(), policy, Duration.ofSeconds(5), events::add);
  }

  private static HttpClient http() {
    return HttpClients.create(TlsSettings.DEFAULT, Duration.ofSeconds(5));
  }

  private static Exchange exchange(String method, URI base) {
    String verb = method.equals("POST") ? "create" : "update";
    return new Exchange(
        "network",
        method,
        URI.create(base + "/v2.0/ports"),
        Map.of(),
        method.equals("GET") ? null : "{\"port\":{}}",
        "ports",
        verb,
        "port",
        null,
        Exchange.isIdempotent(method));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
