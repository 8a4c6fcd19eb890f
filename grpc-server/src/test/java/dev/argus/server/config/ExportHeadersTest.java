package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportHeadersTest {
  private static final String OTLP = "exporter: {otlp: {endpoint: 127.0.0.1:14317, headers: ";
  private static final String NAME_EXPECTED =
      " (expected: a header name of letters, digits, '-', '_' and '.', not ending in -bin"
          + " and not connection)";

  private final ConfigLoader loader =
      new ConfigLoader(Map.of("NEWLINE_TOKEN", "SECRETENV\nX", "TOKEN", "Bearer SECRETOK")::get);

  /** Each of these made grpc-java throw at start, before the configuration was checked. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badNames")
  void parse_headerNameGrpcCannotSendIsAProblemNamingTheHeader(String yaml, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "test"));

    assertEquals(List.of(expected), e.problems());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  static Stream<Arguments> badNames() {
    return Stream.of(
        Arguments.of(OTLP + "{'': SECRETV}}}", "exporter.otlp.headers: \"\"" + NAME_EXPECTED),
        Arguments.of(
            OTLP + "{bad key with space: SECRETV}}}",
            "exporter.otlp.headers: \"bad key with space\"" + NAME_EXPECTED),
        Arguments.of(
            OTLP + "{x-bin: SECRETV}}}", "exporter.otlp.headers: \"x-bin\"" + NAME_EXPECTED),
        Arguments.of(
            OTLP + "{X-Bin-BIN: SECRETV}}}",
            "exporter.otlp.headers: \"X-Bin-BIN\"" + NAME_EXPECTED),
        Arguments.of(
            OTLP + "{':authority': SECRETV}}}",
            "exporter.otlp.headers: \":authority\"" + NAME_EXPECTED),
        Arguments.of(
            OTLP + "{\"a\\nb\": SECRETV}}}", "exporter.otlp.headers: \"a\\nb\"" + NAME_EXPECTED),
        Arguments.of(
            OTLP + "{connection: SECRETV}}}",
            "exporter.otlp.headers: \"connection\"" + NAME_EXPECTED));
  }

  /** grpc-java dropped each of these at every export and logged the value's bytes. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void parse_headerValueGrpcCannotSendIsARedactedProblem(String yaml, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "test"));

    assertEquals(List.of(expected), e.problems());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    assertFalse(e.getMessage().contains("83, 69"), e.getMessage());
  }

  static Stream<Arguments> badValues() {
    String expected = " (expected: printable ASCII, no line breaks)";
    return Stream.of(
        Arguments.of(
            OTLP + "{authorization: \"SECRETNL\\nX\"}}}",
            "exporter.otlp.headers.authorization: [REDACTED]" + expected),
        Arguments.of(
            OTLP + "{authorization: \"SECRETCR\\rX\"}}}",
            "exporter.otlp.headers.authorization: [REDACTED]" + expected),
        Arguments.of(
            OTLP + "{authorization: \"SECRETTAB\\tX\"}}}",
            "exporter.otlp.headers.authorization: [REDACTED]" + expected),
        Arguments.of(
            OTLP + "{authorization: \"SECRETNUL\\0X\"}}}",
            "exporter.otlp.headers.authorization: [REDACTED]" + expected),
        Arguments.of(
            OTLP + "{authorization: SECRETÉ}}}",
            "exporter.otlp.headers.authorization: [REDACTED]" + expected),
        Arguments.of(
            OTLP + "{authorization: \"SECRETDEL\\x7f\"}}}",
            "exporter.otlp.headers.authorization: [REDACTED]" + expected),
        // The value comes from the environment: the reference is shown, never what it holds.
        Arguments.of(
            OTLP + "{authorization: '${env:NEWLINE_TOKEN}'}}}",
            "exporter.otlp.headers.authorization: ${env:NEWLINE_TOKEN}" + expected),
        Arguments.of(
            OTLP + "{authorization: 'SECRETPFX ${env:NEWLINE_TOKEN}'}}}",
            "exporter.otlp.headers.authorization: [REDACTED]${env:NEWLINE_TOKEN}" + expected));
  }

  @Test
  void parse_validHeadersReachTheExporterAsWritten() {
    String yaml =
        OTLP
            + "{Authorization: '${env:TOKEN}', x-tenant_id.v2: ' a b ~!', empty: '',"
            + " grpc-trace: x}}}";

    Map<String, String> headers = loader.parse(yaml, "test").otlpExporter().headers();

    assertEquals(
        Map.of(
            "Authorization", "Bearer SECRETOK",
            "x-tenant_id.v2", " a b ~!",
            "empty", "",
            "grpc-trace", "x"),
        headers);
  }

  /** Every name accepted here must be one grpc-java accepts, or start-up would fail later. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "authorization",
        "X-API-Key",
        "a.b_c-d",
        "0",
        "x-binary",
        "bin",
        "-bin-x",
        "grpc-trace"
      })
  void validName_acceptsOnlyNamesGrpcAccepts(String name) {
    assertTrue(ExportHeaders.validName(name), name);

    Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  /** Every name grpc-java refuses must be refused here, as a configuration problem. */
  @ParameterizedTest
  @ValueSource(
      strings = {"", "a b", "x-bin", "a-bin-bin", ":path", "a:b", "a/b", "a\nb", "é", "a\u0000"})
  void validName_refusesEveryNameGrpcRefuses(String name) {
    assertThrows(
        IllegalArgumentException.class,
        () -> Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));

    assertFalse(ExportHeaders.validName(name), name);
  }

  /**
   * grpc-java lets these through at start, but sends them as names that fail later: lower-cased to
   * a binary name, to a connection-specific header HTTP/2 forbids, or to a different name.
   */
  @ParameterizedTest
  @ValueSource(strings = {"X-BIN", "Connection", "\u212A"})
  void validName_refusesNamesGrpcWouldSendWrongly(String name) {
    assertFalse(ExportHeaders.validName(name), name);
  }

  @Test
  void validValue_acceptsPrintableAsciiOnly() {
    assertTrue(ExportHeaders.validValue(" !azAZ09~"));
    assertTrue(ExportHeaders.validValue(""));
    for (String bad : List.of("\n", "\r", "\t", "\u0000", "\u007f", "é", "\u2028")) {
      assertFalse(ExportHeaders.validValue("a" + bad), bad);
    }
  }
}
