package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.ScoringInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems of evaluation requests name each field and the kind of its value, never the value. */
class EvaluateRequestTest {
  private static final String KNOWN_FIELDS =
      "completion, context, finish_reason, input_tokens, latency_ms, model, output_tokens,"
          + " prompt, provider, reference_answer, requested_format, service_name,"
          + " system_instructions";

  @Test
  void nullCompletion_isRefusedAsAMissingOneIs() {
    List<String> problems = problems("{\"completion\": null, \"prompt\": \"hi\"}");

    assertEquals(
        List.of("completion: null (expected: the answer to evaluate, a string)"), problems);
  }

  @Test
  void nullOptionalFields_countAsLeftOut() throws Exception {
    ScoringInput input =
        EvaluateRequest.parse(
            bytes(
                "{\"completion\": \"ok\", \"prompt\": null, \"context\": null,"
                    + " \"input_tokens\": null, \"service_name\": null}"));

    assertEquals("ok", input.call().completion());
    assertEquals("", input.call().prompt());
    assertTrue(input.call().retrievedContext().isEmpty());
    assertNull(input.call().usage().inputTokens());
    assertNull(input.serviceName());
  }

  @Test
  void wrongValues_areNamedByKind() {
    List<String> problems =
        problems(
            "{\"completion\": 5, \"prompt\": true, \"model\": {\"a\": 1},"
                + " \"provider\": [\"x\"], \"input_tokens\": -5, \"output_tokens\": 1.0E30,"
                + " \"latency_ms\": 2.5, \"context\": {}}");

    assertEquals(
        List.of(
            "completion: a number (expected: the answer to evaluate, a string)",
            "input_tokens: a negative number (expected: a whole number >= 0)",
            "output_tokens: a number too large (expected: a whole number <= 9223372036854)",
            "latency_ms: a fractional number (expected: a whole number >= 0)",
            "prompt: a boolean (expected: a string)",
            "model: an object (expected: a string)",
            "provider: an array (expected: a string)",
            "context: an object (expected: a string or a list of documents)"),
        problems);
  }

  @Test
  void wrongValues_neverAppearInProblems() {
    String body =
        "{\"completion\": 2025550147, \"input_tokens\": -31337, \"output_tokens\": 1.0E30,"
            + " \"context\": [4242, {\"content\": 777, \"score\": \"high\", \"id\": [9]}]}";

    String joined = String.join("; ", problems(body));

    for (String value : List.of("2025550147", "31337", "1.0E30", "4242", "777", "high", "9]")) {
      assertFalse(joined.contains(value), "echoed " + value + ": " + joined);
    }
  }

  @Test
  void unknownField_isNamedByPositionNotByName() {
    List<String> problems =
        problems(
            "{\"completion\": \"ok\", \"jane@x.com\": 1, \"context\": [{\"content\": \"c\","
                + " \"ssn-123-45-6789\": 2}]}");

    assertEquals(
        List.of(
            "(body) field 2: unknown name (expected one of: " + KNOWN_FIELDS + ")",
            "context[0] field 2: unknown name (expected one of: content, id, score)"),
        problems);
  }

  @Test
  void contextDocument_withoutContentOrWithBadIdIsRefused() {
    List<String> problems =
        problems(
            "{\"completion\": \"ok\", \"context\": [\"a\", {\"id\": \"d1\"},"
                + " {\"content\": null}, {\"content\": \"c\", \"id\": {}}, 3]}");

    assertEquals(
        List.of(
            "context[1].content: missing (expected: the document's text, a string)",
            "context[2].content: null (expected: the document's text, a string)",
            "context[3].id: an object (expected: a string or a number)",
            "context[4]: a number (expected: a string or {id, content, score})"),
        problems);
  }

  @Test
  void deepNesting_isAPlainMessage() {
    String body = "{\"completion\": " + "[".repeat(1001) + "]".repeat(1001) + "}";

    List<String> problems = problems(body);

    // The parser reports no place for a broken limit.
    assertEquals(List.of("(body): nests deeper than 1000 levels"), problems);
  }

  @Test
  void unparsableToken_isNotQuoted() {
    List<String> problems = problems("{\"completion\": jane@x.com}");

    assertEquals(List.of("(body): not valid JSON (line 1, column 16)"), problems);
  }

  @Test
  void truncatedBody_saysItEndsInsideAValue() {
    assertEquals(
        List.of("(body): not valid JSON: the body ends inside a value (line 1, column 16)"),
        problems("{\"completion\": "));
  }

  @Test
  void secondValue_afterTheObjectIsRefused() {
    assertEquals(
        List.of("(body): not valid JSON: more than one value (line 1, column 21)"),
        problems("{\"completion\": \"a\"} {\"jane\": 1}"));
  }

  private static List<String> problems(String body) {
    EvaluateRequest.InvalidException e =
        assertThrows(
            EvaluateRequest.InvalidException.class, () -> EvaluateRequest.parse(bytes(body)));
    return e.problems();
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
