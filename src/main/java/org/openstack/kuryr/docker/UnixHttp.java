package org.openstack.kuryr.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 GET requests to the engine over its Unix socket, one connection per request. The JDK's
 * HTTP client cannot dial Unix sockets, and the engine's API needs little: GET, {@code
 * Content-Length} or chunked bodies, {@code Connection: close}. Thread-safe (stateless).
 */
final class UnixHttp {
  // An error body is only read to quote it in a message.
  private static final int LONGEST_ERROR_BODY = 4096;

  private final Path socket;
  private final Duration timeout;

  /**
   * @param socket the engine's socket, e.g. {@code /run/docker.sock}
   * @param timeout how long a whole request may take; for a stream, how long until its head
   */
  UnixHttp(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  /** An answer whose body is still to be read. Closing it closes the connection. */
  record Answer(int status, InputStream body, SocketChannel channel) implements AutoCloseable {
    @Override
    public void close() {
      closeQuietly(channel);
    }
  }

  /**
   * The body of a successful answer.
   *
   * @throws DockerEngineException when the engine cannot be reached, answers with an error status
   *     or does not answer in time
   */
  byte[] get(String target) {
    SocketChannel channel = connect(target);
    Watchdog watchdog = new Watchdog(channel);
    try (Answer answer = answer(channel, target)) {
      return answer.body().readAllBytes();
    } catch (IOException e) {
      throw failure(target, watchdog, e);
    } finally {
      watchdog.finish();
    }
  }

  /**
   * An answer whose head arrived in time and whose body is read as it comes, without a time limit.
   *
   * @throws DockerEngineException as {@link #get}
   */
  Answer open(String target) {
    SocketChannel channel = connect(target);
    Watchdog watchdog = new Watchdog(channel);
    try {
      return answer(channel, target);
    } catch (IOException e) {
      closeQuietly(channel);
      throw failure(target, watchdog, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    } finally {
      watchdog.finish();
    }
  }

  private SocketChannel connect(String target) {
    try {
      SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(HttpLines.requestHead("GET", target)));
      return channel;
    } catch (IOException e) {
      throw new DockerEngineException(
          "failed to GET " + target + ": cannot reach the engine at " + socket + ": " + e, e);
    }
  }

  /**
   * Closes the connection when the request takes too long: a blocking read on a Unix socket channel
   * has no timeout of its own, and closing the channel from another thread ends it.
   */
  private final class Watchdog {
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean expired = new AtomicBoolean();

    Watchdog(SocketChannel channel) {
      CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                if (finished.compareAndSet(false, true)) {
                  expired.set(true);
                  closeQuietly(channel);
                }
              });
    }

    void finish() {
      finished.set(true);
    }

    boolean expired() {
      return expired.get();
    }
  }

  private Answer answer(SocketChannel channel, String target) throws IOException {
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
    int status = status(HttpLines.read(in), target);
    boolean chunked = false;
    long length = -1;
    for (String line = HttpLines.read(in); !line.isEmpty(); line = HttpLines.read(in)) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("content-length:")) {
        length = contentLength(line, target);
      }
    }
    InputStream body = body(in, chunked, length);
    if (status / 100 != 2) {
      String text = new String(body.readNBytes(LONGEST_ERROR_BODY), StandardCharsets.UTF_8);
      closeQuietly(channel);
      throw new DockerEngineException(
          "failed to GET " + target + ": the engine answered " + status + ": " + text.strip());
    }
    return new Answer(status, body, channel);
  }

  private static InputStream body(InputStream in, boolean chunked, long length) throws IOException {
    if (chunked) {
      return new ChunkedInputStream(in);
    }
    if (length >= 0) {
      return new ByteArrayInputStream(in.readNBytes((int) Math.min(length, Integer.MAX_VALUE)));
    }
    return in;
  }

  private static int status(String statusLine, String target) {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new DockerEngineException(
          "failed to GET " + target + ": not an HTTP answer: '" + statusLine + "'");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new DockerEngineException(
          "failed to GET " + target + ": malformed status line '" + statusLine + "'", e);
    }
  }

  private static long contentLength(String header, String target) {
    try {
      return Long.parseLong(header.substring(header.indexOf(':') + 1).strip());
    } catch (NumberFormatException e) {
      throw new DockerEngineException(
          "failed to GET " + target + ": malformed header '" + header + "'", e);
    }
  }

  private DockerEngineException failure(String target, Watchdog watchdog, IOException e) {
    String cause =
        watchdog.expired() ? "no answer within " + timeout.toMillis() + " ms" : e.toString();
    return new DockerEngineException("failed to GET " + target + ": " + cause, e);
  }

  static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the connection is being given up; nothing more can go wrong with it
    }
  }
}
