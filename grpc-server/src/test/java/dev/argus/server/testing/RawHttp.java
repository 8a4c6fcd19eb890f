package dev.argus.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange over a plain socket to 127.0.0.1, read to the end of the connection, so a
 * test sees exactly the bytes the server wrote: every header, and whether a body followed.
 */
public final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /**
   * Sends {@code method path} with {@code Connection: close} and the extra header lines in {@code
   * headers} (each {@code "Name: value"}), and returns the whole answer.
   */
  public static Answer exchange(int port, String method, String path, String... headers)
      throws IOException {
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return send(port, request.toString());
  }

  /** Writes {@code request} as it is, and returns the whole answer. */
  public static Answer send(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return Answer.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }
  }

  /** A response as read from the wire. */
  public record Answer(String raw, int status, List<String> headerLines, String body) {
    static Answer parse(String raw) {
      int end = raw.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new AssertionError("no complete response head in: " + raw);
      }
      String[] lines = raw.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
      return new Answer(raw, status, headers, raw.substring(end + 4));
    }

    /** Returns the first value of header {@code name}, compared without case. */
    public Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headerLines.stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).trim())
          .findFirst();
    }
  }
}
