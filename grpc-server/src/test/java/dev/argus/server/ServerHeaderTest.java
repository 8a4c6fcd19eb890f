package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.argus.core.scoring.Evaluation;
import dev.argus.server.testing.RawHttp;
import dev.argus.server.testing.RunningArgus;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No HTTP port of a running ARGUS names its server software, over real sockets: neither in a {@code
 * Server} or {@code X-Powered-By} header nor in an error page Jetty writes itself.
 */
class ServerHeaderTest {
  private static final String JSON = "Content-Type: application/json";

  private static RunningArgus argus;

  @BeforeAll
  static void start() throws Exception {
    argus =
        RunningArgus.start(
            "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n",
            input -> Evaluation.notEvaluated("default", "not under test"));
  }

  @AfterAll
  static void stop() throws Exception {
    argus.close();
  }

  @Test
  void adminAnswers_nameNoServer() throws Exception {
    int port = argus.server.adminPort();

    List<RawHttp.Answer> answers =
        List.of(
            RawHttp.exchange(port, "GET", "/healthz"),
            RawHttp.exchange(port, "HEAD", "/healthz"),
            RawHttp.exchange(port, "GET", "/readyz"),
            RawHttp.exchange(port, "GET", "/metrics"),
            post(port, "/v1/evaluate", "{\"completion\":\"fine\"}"),
            post(port, "/v1/evaluate", "not json"),
            RawHttp.exchange(port, "GET", "/unknown"),
            RawHttp.exchange(port, "DELETE", "/healthz"));

    assertEquals(List.of(200, 200, 200, 200, 200, 400, 404, 405), statuses(answers));
    answers.forEach(ServerHeaderTest::assertAnonymous);
  }

  @Test
  void otlpHttpAnswers_nameNoServer() throws Exception {
    int port = argus.server.httpPort();

    List<RawHttp.Answer> answers =
        List.of(
            post(port, "/v1/traces", "{}"),
            post(port, "/v1/traces", "{\"resourceSpans\": 7}"),
            RawHttp.exchange(port, "GET", "/v1/traces"),
            RawHttp.exchange(port, "GET", "/"));

    assertEquals(List.of(200, 400, 405, 404), statuses(answers));
    answers.forEach(ServerHeaderTest::assertAnonymous);
  }

  @Test
  void errorsJettyAnswersItself_nameNoServer() throws Exception {
    // A request line Jetty refuses before any ARGUS handler runs; HTML is where Jetty's error
    // page would credit itself.
    String malformed = "GET /%zz HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n";

    RawHttp.Answer admin = RawHttp.send(argus.server.adminPort(), malformed);
    RawHttp.Answer otlp = RawHttp.send(argus.server.httpPort(), malformed);

    assertEquals(400, admin.status(), admin.raw());
    assertEquals(400, otlp.status(), otlp.raw());
    assertAnonymous(admin);
    assertAnonymous(otlp);
  }

  private static RawHttp.Answer post(int port, String path, String body) throws Exception {
    return RawHttp.send(
        port,
        "POST "
            + path
            + " HTTP/1.1\r\nHost: x\r\n"
            + JSON
            + "\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  private static List<Integer> statuses(List<RawHttp.Answer> answers) {
    return answers.stream().map(RawHttp.Answer::status).toList();
  }

  private static void assertAnonymous(RawHttp.Answer answer) {
    assertFalse(answer.header("Server").isPresent(), answer.raw());
    assertFalse(answer.header("X-Powered-By").isPresent(), answer.raw());
    assertFalse(answer.raw().toLowerCase(Locale.ROOT).contains("jetty"), answer.raw());
  }
}
