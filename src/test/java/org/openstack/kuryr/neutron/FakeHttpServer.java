package org.openstack.kuryr.neutron;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An in-process HTTP server on 127.0.0.1 that records requests and answers with scripted replies
 * (in order) or, once they are used up, with a routing function. Thread-safe.
 */
public final class FakeHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Deque<Reply> scripted = new ArrayDeque<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Recorded, Reply> router =
      request -> Reply.json(500, "{\"NeutronError\": {\"message\": \"unscripted\"}}");

  /** A request as received. */
  public record Recorded(
      String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
    /** The first value of a header, or null. */
    public String header(String name) {
      for (var entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().getFirst();
        }
      }
      return null;
    }

    /** Path and query as sent. */
    public String target() {
      return rawQuery == null ? path : path + "?" + rawQuery;
    }
  }

  /** A reply: status, body, headers, and how long to wait before sending it. */
  public record Reply(int status, String body, Map<String, String> headers, Duration delay) {
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
    }

    public static Reply status(int status) {
      return new Reply(status, "", Map.of(), Duration.ZERO);
    }

    public static Reply text(int status, String contentType, String body) {
      return new Reply(status, body, Map.of("Content-Type", contentType), Duration.ZERO);
    }

    /** No reply: the connection is closed once the request is read. */
    public static Reply drop() {
      return new Reply(-1, "", Map.of(), Duration.ZERO);
    }

    /** A reply that never comes within any test's patience. */
    public static Reply never() {
      return new Reply(200, "{}", Map.of(), Duration.ofMinutes(10));
    }

    public Reply withHeader(String name, String value) {
      var all = new java.util.HashMap<>(headers);
      all.put(name, value);
      return new Reply(status, body, all, delay);
    }
  }

  private FakeHttpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static FakeHttpServer start() {
    return startOn(0);
  }

  /** Starts a server on the given port of 127.0.0.1. */
  public static FakeHttpServer startOn(int port) {
    try {
      var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      return new FakeHttpServer(HttpServer.create(address, 0));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's base URL, {@code http://127.0.0.1:PORT}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Replies to the next requests, in order. */
  public synchronized FakeHttpServer enqueue(Reply... replies) {
    scripted.addAll(List.of(replies));
    return this;
  }

  /** Replies to requests once the scripted replies are used up. */
  public FakeHttpServer route(Function<Recorded, Reply> routing) {
    this.router = routing;
    return this;
  }

  /** The requests received so far, in order. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var recorded =
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            body);
    requests.add(recorded);
    Reply reply = next(recorded);
    if (reply.status() < 0 || !pause(reply.delay())) {
      exchange.close();
      return;
    }
    send(exchange, reply);
  }

  private synchronized Reply next(Recorded recorded) {
    Reply reply = scripted.poll();
    return reply != null ? reply : router.apply(recorded);
  }

  private static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
