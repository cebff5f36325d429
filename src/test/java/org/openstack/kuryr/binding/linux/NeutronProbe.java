package org.openstack.kuryr.binding.linux;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Just enough of the test bed's Neutron API (noauth, on 127.0.0.1) for the binding layer's
 * integration tests to create ports bound to this host. No X-Project-Id is sent: with it, noauth
 * gives a non-admin context that may not set {@code binding:host_id}.
 */
final class NeutronProbe {
  private static final URI BASE = URI.create("http://127.0.0.1:9696/v2.0/");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Fails (never skips) when the test bed's Neutron does not answer. */
  void requireNeutron() {
    try {
      get("networks?limit=1");
    } catch (IllegalStateException e) {
      fail("the test bed's Neutron is not answering (start the test bed first): " + e);
    }
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(BASE.resolve(path)).GET(), 200);
  }

  JsonNode post(String path, String body) {
    return send(
        HttpRequest.newBuilder(BASE.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        201);
  }

  /** Deletes the resource; already gone is fine. */
  void delete(String path) {
    try {
      send(HttpRequest.newBuilder(BASE.resolve(path)).DELETE(), 204);
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains(" 404 ")) {
        throw e;
      }
    }
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
    HttpRequest built = request.timeout(TIMEOUT).build();
    try {
      HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            built.method()
                + " "
                + built.uri()
                + " "
                + response.statusCode()
                + " "
                + response.body());
      }
      return response.body().isEmpty() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(built.method() + " " + built.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
