package org.openstack.kuryr.libnetwork;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.openstack.kuryr.error.InternalException;

/**
 * Serves Docker's plugin protocol over a Unix socket and, optionally, TCP. Every call is a POST of
 * {@code /<Interface>.<Method>}; the calls are listed in {@link PluginEndpoints}.
 *
 * <p>Not thread-safe to start and stop; serving is concurrent (one virtual thread per request).
 */
public final class PluginServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PluginServer.class.getName());
  private static final HttpMediaType PLUGIN_JSON =
      HttpMediaType.create("application/vnd.docker.plugins.v1.2+json");

  private final PluginEndpoints endpoints;
  private final Optional<Path> socketPath;
  private final Optional<URI> tcpUri;
  private WebServer unixServer;
  private WebServer tcpServer;

  /**
   * @param endpoints the protocol's calls
   * @param socketPath Unix socket to serve on, if any
   * @param tcpUri {@code http://host:port} to serve on, if any
   */
  public PluginServer(PluginEndpoints endpoints, Optional<Path> socketPath, Optional<URI> tcpUri) {
    this.endpoints = endpoints;
    this.socketPath = socketPath;
    this.tcpUri = tcpUri;
  }

  /** Binds the listeners and starts serving. */
  public void start() {
    socketPath.ifPresent(path -> unixServer = startUnix(path));
    tcpUri.ifPresent(uri -> tcpServer = startTcp(uri));
  }

  /** The TCP port actually bound, when serving TCP (useful with port 0). */
  public Optional<Integer> tcpPort() {
    return Optional.ofNullable(tcpServer).map(WebServer::port);
  }

  private WebServer startUnix(Path path) {
    removeStaleSocket(path);
    WebServer server = newServer(UnixDomainSocketAddress.of(path));
    LOG.info(() -> "serving Docker's plugin API on unix:" + path);
    return server;
  }

  private WebServer startTcp(URI uri) {
    var address = new java.net.InetSocketAddress(uri.getHost(), uri.getPort());
    WebServer server = newServer(address);
    LOG.info(
        () ->
            "serving Docker's plugin API on "
                + uri.getScheme()
                + "://"
                + uri.getHost()
                + ":"
                + server.port());
    return server;
  }

  private WebServer newServer(java.net.SocketAddress address) {
    return WebServer.builder()
        .bindAddress(address)
        // Docker 20.10 sends "Host:" with an empty value over the Unix socket: accept it
        // through Helidon's documented switch rather than rewriting requests.
        .addProtocol(Http1Config.builder().validateRequestHostHeader(false).build())
        .shutdownGracePeriod(Duration.ofSeconds(2))
        .routing(this::routing)
        .build()
        .start();
  }

  private void routing(HttpRouting.Builder routing) {
    routing.route(Method.POST, "/{call}", this::serve);
    routing.any(this::rejectMethod);
  }

  private void serve(ServerRequest request, ServerResponse response) {
    String call = request.path().pathParameters().get("call");
    byte[] body = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
    PluginReply reply = endpoints.dispatch(call, body);
    response.status(Status.create(reply.status()));
    response.header(HeaderNames.CONTENT_TYPE, PLUGIN_JSON.text());
    response.send(reply.body());
  }

  // Reached by every request "/{call}" does not match: a POST there names no plugin call (its path
  // has no verb, or more than one segment), any other method is the wrong one.
  private void rejectMethod(ServerRequest request, ServerResponse response) {
    Method method = request.prologue().method();
    PluginReply reply =
        method == Method.POST
            ? endpoints.dispatch(request.path().path().substring(1), new byte[0])
            : endpoints.unsupportedMethod(method.text());
    response.status(Status.create(reply.status()));
    response.header(HeaderNames.CONTENT_TYPE, PLUGIN_JSON.text());
    response.send(reply.body());
  }

  // A daemon that was killed leaves its socket file; Docker then keeps getting "connection
  // refused". Replace the file only when nothing answers on it, so two daemons never share it.
  private static void removeStaleSocket(Path path) {
    if (!Files.exists(path)) {
      createParent(path);
      return;
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(path));
      throw new InternalException(
          "failed to serve on " + path + ": another process is serving there already");
    } catch (IOException refused) {
      deleteStale(path);
    }
  }

  private static void createParent(Path path) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new InternalException("failed to create directory for " + path + ": " + e, e);
    }
  }

  private static void deleteStale(Path path) {
    try {
      Files.deleteIfExists(path);
      LOG.info(() -> "removed stale socket " + path);
    } catch (IOException e) {
      throw new InternalException("failed to remove stale socket " + path + ": " + e, e);
    }
  }

  /** Stops serving and removes the socket file. */
  @Override
  public void close() {
    if (unixServer != null) {
      unixServer.stop();
      socketPath.ifPresent(PluginServer::deleteQuietly);
    }
    if (tcpServer != null) {
      tcpServer.stop();
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warning(() -> "failed to remove socket " + path + ": " + e);
    }
  }
}
