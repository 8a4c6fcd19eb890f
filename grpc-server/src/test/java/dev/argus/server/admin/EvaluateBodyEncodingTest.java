package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.testing.RawHttp;
import dev.argus.server.testing.RunningArgus;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@code POST /v1/evaluate} reads a body, over real sockets: which content types, charsets and
 * content codings it takes, UTF-8 only, and a name given twice in one object refused.
 */
class EvaluateBodyEncodingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunningArgus argus;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    argus =
        RunningArgus.start(
            "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n",
            new GenAiEvaluator(ScoringConfig.defaults()));
    admin = new AdminClient(argus.server.adminPort());
  }

  @AfterAll
  static void stop() throws Exception {
    argus.close();
  }

  @Test
  void evaluate_otherContentTypeIs415() throws Exception {
    HttpResponse<String> response =
        admin.post("/v1/evaluate", "text/plain", "{\"completion\":\"x\"}".getBytes());

    assertEquals(415, response.statusCode());
    assertFalse(response.body().contains("text/plain"), response.body());
  }

  /** Without the header the body is read as JSON, as the README says. */
  @Test
  void evaluate_withoutContentTypeIsReadAsJson() throws Exception {
    String body = "{\"completion\":\"ok\"}";

    // A raw request: no client library can add a Content-Type of its own.
    RawHttp.Answer answer =
        RawHttp.send(
            argus.server.adminPort(),
            "POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);

    assertEquals(200, answer.status(), answer.raw());
    assertEquals("allow", JSON.readTree(answer.body()).get("decision").asText(), answer.body());
  }

  /** What curl sends with {@code -d} and no {@code -H}. */
  @Test
  void evaluate_formContentTypeIs415() throws Exception {
    HttpResponse<String> response =
        admin.post(
            "/v1/evaluate",
            "application/x-www-form-urlencoded",
            "{\"completion\":\"x\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals(415, response.statusCode(), response.body());
    assertEquals("unsupported Content-Type (expected: application/json)", error(response));
    assertFalse(response.body().contains("urlencoded"), response.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=iso-8859-1",
        "application/json;charset=UTF-16",
        "application/json; charset=\"us-ascii\"",
        "application/json; charset=utf8"
      })
  void evaluate_charsetOtherThanUtf8Is415WithoutEchoingIt(String contentType) throws Exception {
    byte[] body = "{\"completion\":\"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.ISO_8859_1);

    HttpResponse<String> response = admin.post("/v1/evaluate", contentType, body);

    assertEquals(415, response.statusCode(), response.body());
    assertEquals(
        "unsupported Content-Type charset (expected: UTF-8, or no charset)", error(response));
    String charset = contentType.substring(contentType.indexOf('=') + 1).replace("\"", "");
    assertFalse(
        response.body().toLowerCase(Locale.ROOT).contains(charset.toLowerCase(Locale.ROOT)),
        response.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "Application/JSON; Charset=\"Utf-8\""
      })
  void evaluate_utf8CharsetIsRead(String contentType) throws Exception {
    byte[] body = "{\"completion\":\"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = admin.post("/v1/evaluate", contentType, body);

    assertEquals(200, response.statusCode(), response.body());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // ü is one byte in Latin-1, four in UTF-32; UTF-16 starts with its byte order mark.
        "ISO-8859-1 | (body): not valid UTF-8 (expected: JSON in UTF-8)",
        "UTF-16 | (body): not valid UTF-8 (expected: JSON in UTF-8)",
        "UTF-32 | (body): not valid UTF-8 (expected: JSON in UTF-8)"
      })
  void evaluate_bodyNotInUtf8Is400(String encoding, String problem) throws Exception {
    // Read as bytes, Jackson would guess UTF-16 and UTF-32 from the first bytes and take them.
    byte[] body = "{\"completion\":\"Gr\u00fc\u00dfe\"}".getBytes(Charset.forName(encoding));

    HttpResponse<String> response = admin.post("/v1/evaluate", "application/json", body);

    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains(problem), response.body());
  }

  @Test
  void evaluate_utf8ByteOrderMarkIsSkipped() throws Exception {
    byte[] body = "\uFEFF{\"completion\":\"Gr\u00fc\u00dfe\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = admin.post("/v1/evaluate", "application/json", body);

    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void evaluate_gzipBodyIs415NamingTheCodingsRead() throws Exception {
    byte[] json = "{\"completion\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(json);
    }

    HttpResponse<String> response =
        admin.postWithHeaders(
            "/v1/evaluate",
            gzipped.toByteArray(),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip");

    assertEquals(415, response.statusCode(), response.body());
    assertEquals(
        "unsupported Content-Encoding (expected: identity; send the JSON uncompressed)",
        error(response));
    assertEquals(Optional.of("identity"), response.headers().firstValue("Accept-Encoding"));
    assertFalse(response.body().contains("gzip"), response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"deflate", "br", "GZIP", "identity, gzip"})
  void evaluate_otherContentEncodingIs415(String coding) throws Exception {
    HttpResponse<String> response =
        admin.postWithHeaders(
            "/v1/evaluate",
            "{\"completion\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            coding);

    assertEquals(415, response.statusCode(), response.body());
    assertTrue(error(response).startsWith("unsupported Content-Encoding"), response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity", "Identity"})
  void evaluate_identityContentEncodingIsRead(String coding) throws Exception {
    HttpResponse<String> response =
        admin.postWithHeaders(
            "/v1/evaluate",
            "{\"completion\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            coding);

    assertEquals(200, response.statusCode(), response.body());
  }

  /** Read last-wins, the second completion would be scored instead of the one a proxy checked. */
  @Test
  void evaluate_knownFieldTwiceIs400NamingTheField() throws Exception {
    String body =
        "{\"completion\":\"fine\",\"prompt\":\"hi\",\"completion\":\"call +1 202-555-0147\"}";

    HttpResponse<String> response = post(body);

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of("completion: given more than once (expected: each field once)"),
        problems(response));
    assertFalse(response.body().contains("202-555-0147"), response.body());
  }

  @Test
  void evaluate_unknownFieldTwiceIs400ByPosition() throws Exception {
    HttpResponse<String> response =
        post("{\"completion\":\"ok\",\"colour\":\"blue\",\"colour\":\"red\"}");

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of("(body) field 3: the same name as an earlier field (expected: each field once)"),
        problems(response));
    for (String value : List.of("colour", "blue", "red")) {
      assertFalse(response.body().contains(value), response.body());
    }
  }

  @Test
  void evaluate_documentFieldTwiceIs400NamingTheDocumentAndField() throws Exception {
    HttpResponse<String> response =
        post(
            "{\"completion\":\"ok\",\"context\":[\"a\","
                + "{\"content\":\"b\",\"id\":1,\"content\":\"c\"}]}");

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of("context[1].content: given more than once (expected: each field once)"),
        problems(response));
  }

  @Test
  void evaluate_unknownDocumentFieldTwiceIs400ByPosition() throws Exception {
    HttpResponse<String> response =
        post("{\"completion\":\"ok\",\"context\":[{\"content\":\"b\",\"src\":1,\"src\":2}]}");

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of(
            "context[0] field 3: the same name as an earlier field (expected: each field once)"),
        problems(response));
    assertFalse(response.body().contains("src"), response.body());
  }

  @Test
  void evaluate_nameTwiceDeeperDownIs400ByLineAndColumn() throws Exception {
    HttpResponse<String> response =
        post("{\"completion\":\"ok\",\n\"extra\":{\"secret\":1,\"secret\":2}}");

    assertEquals(400, response.statusCode(), response.body());
    assertEquals(
        List.of("(body): a field name given more than once in one object (line 2, column 29)"),
        problems(response));
    assertFalse(response.body().contains("secret"), response.body());
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return admin.post("/v1/evaluate", "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("error").asText();
  }

  private static List<String> problems(HttpResponse<String> response) throws Exception {
    JsonNode problems = JSON.readTree(response.body()).get("problems");
    return JSON.convertValue(
        problems, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }
}
