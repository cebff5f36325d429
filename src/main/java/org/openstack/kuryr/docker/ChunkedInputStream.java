package org.openstack.kuryr.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an HTTP/1.1 answer sent with {@code Transfer-Encoding: chunked}, as plain bytes. The
 * engine streams events this way, and sends longer JSON answers this way too. Not thread-safe.
 */
final class ChunkedInputStream extends InputStream {
  private final InputStream in;
  private long remaining;
  private boolean started;
  private boolean finished;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    if (!nextChunkIfNeeded()) {
      return -1;
    }
    int value = in.read();
    if (value < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    remaining--;
    return value;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!nextChunkIfNeeded()) {
      return -1;
    }
    int count = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (count < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    remaining -= count;
    return count;
  }

  private boolean nextChunkIfNeeded() throws IOException {
    if (finished) {
      return false;
    }
    if (remaining > 0) {
      return true;
    }
    if (started) {
      requireEmpty(HttpLines.read(in), "chunk end");
    }
    started = true;
    remaining = chunkSize(HttpLines.read(in));
    if (remaining == 0) {
      skipTrailers();
      finished = true;
      return false;
    }
    return true;
  }

  // A size line may carry extensions after a semicolon; they mean nothing to us.
  private static long chunkSize(String line) throws IOException {
    String hex = line.split(";", 2)[0].strip();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException("negative");
      }
      return size;
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size '" + line + "'", e);
    }
  }

  private void skipTrailers() throws IOException {
    String line = HttpLines.read(in);
    while (!line.isEmpty()) {
      line = HttpLines.read(in);
    }
  }

  private static void requireEmpty(String line, String where) throws IOException {
    if (!line.isEmpty()) {
      throw new IOException("malformed " + where + ": '" + line + "'");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
