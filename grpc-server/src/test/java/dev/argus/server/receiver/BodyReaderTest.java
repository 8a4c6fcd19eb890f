package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
  private static final String REASON =
      "Content-Encoding is gzip but the body is not valid gzip: "
          + "it ends before the gzip stream does";

  @Test
  void gzipBody_isInflated() throws IOException {
    byte[] body = "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8);

    byte[] read = BodyReader.read(new ByteArrayInputStream(gzip(body)), true, 1024);

    assertArrayEquals(body, read);
  }

  @Test
  void emptyGzipBody_saysItEndsEarly() {
    BodyReader.BadEncodingException error =
        assertThrows(
            BodyReader.BadEncodingException.class,
            () -> BodyReader.read(new ByteArrayInputStream(new byte[0]), true, 1024));

    assertEquals(REASON, error.getMessage());
  }

  @Test
  void cutGzipBody_saysItEndsEarly() throws IOException {
    byte[] whole = gzip("a body long enough to be cut".getBytes(StandardCharsets.UTF_8));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    BodyReader.BadEncodingException error =
        assertThrows(
            BodyReader.BadEncodingException.class,
            () -> BodyReader.read(new ByteArrayInputStream(cut), true, 1024));

    assertEquals(REASON, error.getMessage());
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    }
    return out.toByteArray();
  }
}
