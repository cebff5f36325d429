package org.openstack.kuryr.docker;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the CRLF-terminated lines of HTTP/1.1 heads and chunk framing. */
final class HttpLines {
  // Heads and chunk size lines from the engine are short; anything longer is not HTTP.
  private static final int LONGEST_LINE = 16 * 1024;

  private HttpLines() {}

  /**
   * One line without its line end.
   *
   * @throws EOFException when the connection ends before the line does
   */
  static String read(InputStream in) throws IOException {
    var line = new StringBuilder();
    while (true) {
      int value = in.read();
      if (value < 0) {
        throw new EOFException("connection closed in the middle of a line");
      }
      if (value == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      if (line.length() >= LONGEST_LINE) {
        throw new IOException("line longer than " + LONGEST_LINE + " bytes");
      }
      line.append((char) value);
    }
  }

  /** The bytes of a request head. */
  static byte[] requestHead(String method, String target) {
    String head =
        method
            + " "
            + target
            + " HTTP/1.1\r\n"
            + "Host: docker\r\n"
            + "Accept: application/json\r\n"
            + "User-Agent: kuryr\r\n"
            + "Connection: close\r\n\r\n";
    return head.getBytes(StandardCharsets.US_ASCII);
  }
}
