package org.openstack.kuryr.daemon;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the daemon's own figures as JSON on a Unix socket of its own (never Docker's plugin
 * socket): {@code GET /metrics}. The socket is made readable by root only.
 *
 * <p>Not thread-safe to start and stop; serving is concurrent.
 */
final class AdminServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path socket;
  private final Supplier<Map<String, Object>> figures;
  private WebServer server;

  /**
   * @param figures what {@code /metrics} shows, read anew for each request
   */
  AdminServer(Path socket, Supplier<Map<String, Object>> figures) {
    this.socket = socket;
    this.figures = figures;
  }

  /**
   * Binds the socket, replacing a stale file, and starts serving.
   *
   * @throws IOException when the socket cannot be bound, or another process serves there
   */
  void start() throws IOException {
    Files.createDirectories(socket.toAbsolutePath().getParent());
    if (answers(socket)) {
      throw new IOException("another process serves " + socket);
    }
    Files.deleteIfExists(socket);
    server =
        WebServer.builder()
            .bindAddress(UnixDomainSocketAddress.of(socket))
            .shutdownGracePeriod(Duration.ofMillis(500))
            .routing(this::routing)
            .build()
            .start();
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    LOG.info(() -> "serving the daemon's figures on unix:" + socket + " (GET /metrics)");
  }

  private static boolean answers(Path socket) {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException nobody) {
      return false;
    }
  }

  private void routing(HttpRouting.Builder routing) {
    routing.route(Method.GET, "/metrics", this::metrics);
    routing.any((request, response) -> response.status(Status.NOT_FOUND_404).send());
  }

  private void metrics(ServerRequest request, ServerResponse response) {
    response.header(HeaderNames.CONTENT_TYPE, "application/json");
    response.send(JSON.writeValueAsBytes(figures.get()));
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        LOG.warning(() -> "failed to remove socket " + socket + ": " + e);
      }
    }
  }
}
