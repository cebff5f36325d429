package org.openstack.kuryr.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The real Neutron behind a proxy that fails chosen requests, to see what the daemon leaves behind
 * when Neutron fails partway through an operation.
 */
final class FaultyNeutron implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "host", "transfer-encoding", "upgrade");

  /**
   * Fails requests of this method whose path matches the regular expression, from the {@code
   * occurrence}-th (1-based) on, {@code times} of them: enough times to outlast the client's
   * retries of idempotent requests.
   *
   * @param status the status to answer with; 0 closes the connection without an answer
   */
  record Fault(String method, String pathPattern, int occurrence, int times, int status) {
    /** Fails the one matching request at {@code occurrence}. */
    Fault(String method, String pathPattern, int occurrence, int status) {
      this(method, pathPattern, occurrence, 1, status);
    }
  }

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI upstream;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Map<Fault, AtomicInteger> counts = new ConcurrentHashMap<>();

  FaultyNeutron(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void inject(Fault fault) {
    counts.put(fault, new AtomicInteger());
    faults.add(fault);
  }

  void clear() {
    faults.clear();
    counts.clear();
  }

  /** Requests seen, as {@code METHOD path}. */
  List<String> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().toString();
      seen.add(method + " " + path);
      for (Fault fault : faults) {
        if (fault.method().equals(method)
            && Pattern.compile(fault.pathPattern()).matcher(path).find()
            && hits(fault, counts.get(fault).incrementAndGet())) {
          fail(exchange, fault.status());
          return;
        }
      }
      forward(exchange, method, path);
    }
  }

  private static boolean hits(Fault fault, int count) {
    return count >= fault.occurrence() && count < fault.occurrence() + fault.times();
  }

  private static void fail(HttpExchange exchange, int status) throws IOException {
    if (status == 0) {
      exchange.getResponseBody().close();
      return;
    }
    byte[] body =
        ("{\"NeutronError\": {\"type\": \"InjectedFault\", \"message\": \"injected by the test\","
                + " \"detail\": \"\"}}")
            .getBytes();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private void forward(HttpExchange exchange, String method, String path) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    var request =
        HttpRequest.newBuilder(upstream.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(exchange, 0);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
  }
}
