package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggedProblemTest {

  @Test
  void quotedValuesAreReplaced_positionsKept() {
    assertEquals(
        "span resourceSpans[0].scopeSpans[0].spans[0]: Not an uint64 value: <value>",
        LoggedProblem.of(
            "span resourceSpans[0].scopeSpans[0].spans[0]: Not an uint64 value:"
                + " \"jane.doe@example.com\""));
    assertEquals(
        "body is not valid JSON: Unrecognized token <value>: was expecting (JSON String)",
        LoggedProblem.of(
            "body is not valid JSON: Unrecognized token 'jane': was expecting (JSON String)"));
    assertEquals("bad <value> here", LoggedProblem.of("bad `x` here"));
  }

  @Test
  void bareNumbersProtobufQuotesAreReplaced() {
    assertEquals(
        "span spans[1]: Not a double value: <value>",
        LoggedProblem.of("span spans[1]: Not a double value: -0.0e-99999999999"));
    assertEquals(
        "log record logRecords[2]: Out of range double value: <value>",
        LoggedProblem.of("log record logRecords[2]: Out of range double value: 1E+999"));
  }

  @Test
  void anUnclosedQuoteHidesTheRest() {
    assertEquals("value: <value>", LoggedProblem.of("value: \"ssn-123-45-6789"));
  }

  @Test
  void apostrophesInsideWordsQuoteNothing() {
    assertEquals(
        "traceId isn't hex, value <value>", LoggedProblem.of("traceId isn't hex, value 'abc'"));
  }

  @Test
  void lineBreaksAreFlattened() {
    assertEquals("first second", LoggedProblem.of("first\nsecond"));
  }

  @Test
  void theReceiversWarningNamesNoValue() {
    List<String> logged;
    try (LogCapture log = new LogCapture(ReceiverCounters.class)) {
      new ReceiverCounters()
          .invalid(
              "resourceSpans[0] is not valid OTLP/JSON: Not an int64 value: \"ssn-123-45-6789\"");
      logged = log.messages();
    }

    assertEquals(1, logged.size(), logged::toString);
    assertTrue(logged.get(0).contains("resourceSpans[0] is not valid OTLP/JSON"), logged::toString);
    assertFalse(logged.get(0).contains("ssn"), logged::toString);
    // Inside reason="..." no quote of the problem's own is left.
    String reason = logged.get(0).replaceAll(".*reason=\"([^\"]*)\".*", "$1");
    assertEquals("resourceSpans[0] is not valid OTLP/JSON: Not an int64 value: <value>", reason);
  }
}
