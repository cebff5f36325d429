package org.openstack.kuryr.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An engine on a Unix socket that answers each connection with the next scripted answer, written
 * piece by piece as the script says, so that tests control chunk boundaries, pauses and silence.
 */
final class FakeEngineServer implements AutoCloseable {
  /** What to do with one connection: pieces of raw HTTP to write, with pauses in between. */
  interface Script {
    void answer(Connection connection) throws IOException, InterruptedException;
  }

  /** One accepted connection. */
  static final class Connection {
    private final SocketChannel channel;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void write(String text) throws IOException {
      channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    void pause(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  }

  private final ServerSocketChannel server;
  private final LinkedBlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
  private final List<String> requestHeads = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  FakeEngineServer(Path socket) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = Thread.ofVirtual().start(this::serve);
  }

  /** Queues the answer to the next connection. */
  void then(Script script) {
    scripts.add(script);
  }

  /** Queues a complete answer with a {@code Content-Length} body. */
  void thenAnswer(int status, String body) {
    then(
        c ->
            c.write(
                "HTTP/1.1 "
                    + status
                    + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n"
                    + body));
  }

  /** Queues an answer whose body is sent in these chunks. */
  void thenChunked(String... chunks) {
    then(
        c -> {
          c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
          for (String chunk : chunks) {
            c.write(chunk(chunk));
            c.pause(5);
          }
          c.write("0\r\n\r\n");
        });
  }

  static String chunk(String text) {
    int length = text.getBytes(StandardCharsets.UTF_8).length;
    return Integer.toHexString(length) + "\r\n" + text + "\r\n";
  }

  /** The request heads received, oldest first. */
  List<String> requestHeads() {
    return List.copyOf(requestHeads);
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel channel = server.accept()) {
        requestHeads.add(readHead(channel));
        Script script = scripts.poll(5, TimeUnit.SECONDS);
        if (script != null) {
          script.answer(new Connection(channel));
        }
      } catch (IOException | InterruptedException e) {
        return;
      }
    }
  }

  private static String readHead(SocketChannel channel) throws IOException {
    var head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      one.clear();
      if (channel.read(one) < 0) {
        break;
      }
      head.write(one.array()[0]);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
