package org.openstack.kuryr.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Speaks Docker's plugin protocol to a daemon's socket, byte for byte as Docker 20.10 does. */
final class PluginSocket {
  private PluginSocket() {}

  /** A reply: HTTP status and body. */
  record Reply(int status, String body) {}

  static Reply post(Path socket, String call, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /"
            + call
            + " HTTP/1.1\r\nHost: \r\nUser-Agent: Go-http-client/1.1\r\n"
            + "Content-Length: "
            + content.length
            + "\r\n"
            + "Accept: application/vnd.docker.plugins.v1.2+json\r\nConnection: close\r\n\r\n";
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8)));
      channel.write(ByteBuffer.wrap(content));
      // Half-closing tells the server there is no next request, so it closes after replying.
      channel.shutdownOutput();
      var out = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) > 0) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return parse(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot call " + call + ": " + e, e);
    }
  }

  private static Reply parse(String response) {
    int status = Integer.parseInt(response.substring(9, 12));
    int bodyStart = response.indexOf("\r\n\r\n");
    return new Reply(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
  }
}
