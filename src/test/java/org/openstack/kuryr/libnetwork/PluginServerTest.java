package org.openstack.kuryr.libnetwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstack.kuryr.error.InternalException;

class PluginServerTest {
  @TempDir Path dir;
  private Path socket;
  private PluginServer server;
  private final FakeServices services = new FakeServices();

  @BeforeEach
  void start() {
    socket = dir.resolve("kuryr.sock");
    server = newServer(socket);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PluginServer newServer(Path path) {
    var endpoints =
        new PluginEndpoints(
            new NetworkDriverCalls(services, services, "local", "eth"),
            new IpamDriverCalls(services, "no_address_space"));
    return new PluginServer(endpoints, Optional.of(path), Optional.empty());
  }

  /** Sends raw bytes and returns the raw HTTP response. */
  private String exchange(String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
      channel.shutdownOutput();
      var out = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (channel.read(buffer) > 0) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static String post(String host, String call, String body) {
    return "POST /"
        + call
        + " HTTP/1.1\r\nHost: "
        + host
        + "\r\nUser-Agent: Go-http-client/1.1\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\n"
        + "Accept-Encoding: gzip\r\n\r\n"
        + body;
  }

  @Test
  void activateAcceptsDocker2010RequestWithEmptyHostHeader() throws IOException {
    // The exact bytes dockerd 20.10 writes to a plugin's Unix socket: "Host:" with no value.
    String response =
        exchange(
            "POST /Plugin.Activate HTTP/1.1\r\nHost: \r\nUser-Agent: Go-http-client/1.1\r\n"
                + "Content-Length: 0\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\n"
                + "Accept-Encoding: gzip\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).endsWith("{\"Implements\":[\"NetworkDriver\",\"IpamDriver\"]}");
  }

  @Test
  void activateAcceptsNewerEnginesHostHeader() throws IOException {
    String response = exchange(post("plugin.moby.localhost", "Plugin.Activate", ""));
    assertThat(response).startsWith("HTTP/1.1 200");
  }

  @Test
  void bodyWithoutContentTypeIsRead() throws IOException {
    String body = "{\"NetworkID\":\"" + "a".repeat(64) + "\"}\n";
    String response = exchange(post("", "NetworkDriver.DeleteNetwork", body));
    assertThat(response).startsWith("HTTP/1.1 200").endsWith("{}");
    assertThat(services.calls).containsExactly("deleteNetwork " + "a".repeat(64));
  }

  @Test
  void unknownCallIs404WithErr() throws IOException {
    String response = exchange(post("", "NetworkDriver.Frobnicate", "{}"));
    assertThat(response).startsWith("HTTP/1.1 404");
    assertThat(response).endsWith("{\"Err\":\"unknown plugin call NetworkDriver.Frobnicate\"}");
  }

  @Test
  void postToAPathThatIsNoCallIs404WithErr() throws IOException {
    String response = exchange(post("", "NetworkDriver/CreateNetwork", "{}"));
    assertThat(response).startsWith("HTTP/1.1 404");
    assertThat(response).endsWith("{\"Err\":\"unknown plugin call NetworkDriver/CreateNetwork\"}");
    assertThat(services.calls).isEmpty();
  }

  @Test
  void getIs405WithErr() throws IOException {
    String response = exchange("GET /Plugin.Activate HTTP/1.1\r\nHost: \r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 405").contains("\"Err\":\"unsupported HTTP method");
  }

  @Test
  void malformedJsonIs400() throws IOException {
    String response = exchange(post("", "NetworkDriver.DeleteNetwork", "{\"NetworkID\":"));
    assertThat(response).startsWith("HTTP/1.1 400").contains("malformed DeleteNetwork request");
    assertThat(services.calls).isEmpty();
  }

  @Test
  void staleSocketIsReplaced() throws IOException {
    Path stale = dir.resolve("stale.sock");
    try (var listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listener.bind(UnixDomainSocketAddress.of(stale));
    }
    assertThat(stale).exists();

    try (PluginServer second = newServer(stale)) {
      second.start();
      assertThat(Files.exists(stale)).isTrue();
    }
    assertThat(stale).doesNotExist();
  }

  @Test
  void socketServedByAnotherProcessIsNotTaken() {
    PluginServer second = newServer(socket);
    assertThatThrownBy(second::start)
        .isInstanceOf(InternalException.class)
        .hasMessageContaining("another process is serving there already");
  }
}
