package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Content-Type and Content-Encoding headers let an evaluation body be read. */
class RequestContentTest {
  private static final String WRONG_TYPE = "unsupported Content-Type (expected: application/json)";
  private static final String WRONG_CHARSET =
      "unsupported Content-Type charset (expected: UTF-8, or no charset)";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        " APPLICATION/JSON ",
        "application/json;",
        "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\"",
        "application/json; profile=x; charset=Utf-8"
      })
  void typeProblem_isNoneForJsonInUtf8(String contentType) {
    assertNull(RequestContent.typeProblem(contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/jsonx", "application/x-ndjson", ""})
  void typeProblem_namesTheExpectedTypeForAnother(String contentType) {
    assertEquals(WRONG_TYPE, RequestContent.typeProblem(contentType));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=iso-8859-1",
        "application/json; charset=",
        "application/json; charset=\"utf-8",
        "application/json; charset=utf-8; charset=utf-16"
      })
  void typeProblem_asksForUtf8ForAnotherCharset(String contentType) {
    assertEquals(WRONG_CHARSET, RequestContent.typeProblem(contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity", "IDENTITY", "", "identity, identity"})
  void encodingProblem_isNoneWithoutCompression(String coding) {
    assertNull(RequestContent.encodingProblem(List.of(coding)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "x-gzip", "deflate", "br", "zstd", "identity, gzip"})
  void encodingProblem_refusesACompressedBody(String coding) {
    assertEquals(
        "unsupported Content-Encoding (expected: identity; send the JSON uncompressed)",
        RequestContent.encodingProblem(List.of(coding)));
  }
}
