package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatRequestsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Reply with a single JSON object only, with the keys order_id and total_usd.",
        "Always respond in valid JSON.",
        "Return the result as JSON.",
        "Output format: json"
      })
  void instructionsAskingForJson_setTheRequestedFormat(String instructions) {
    GenAiCall call = FormatRequests.withInferredFormat(call(instructions, "What is my order?"));

    assertEquals("json", call.requestedFormat());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "You are a helpful assistant. Answer from the context.",
        "Answer briefly. The catalogue below is stored as JSON.\nContext: {}",
        ""
      })
  void instructionsNotAskingForJson_leaveItUnset(String instructions) {
    GenAiCall call = FormatRequests.withInferredFormat(call(instructions, "Return JSON please"));

    assertNull(call.requestedFormat());
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "JSON", "as Json.", "xjsonx"})
  void mentionsJson_findsTheWordInAnyCase(String text) {
    assertTrue(FormatRequests.mentionsJson(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jso", "j son", "Reply with a single object."})
  void mentionsJson_isFalseWithoutIt(String text) {
    assertFalse(FormatRequests.mentionsJson(text));
  }

  @Test
  void recordedFormat_isKept() {
    GenAiCall text = call("Reply in JSON.", "q").toBuilder().setRequestedFormat("text").build();

    assertSame(text, FormatRequests.withInferredFormat(text));
  }

  private static GenAiCall call(String instructions, String prompt) {
    return GenAiCall.builder()
        .setSystemInstructions(instructions)
        .setPrompt(prompt)
        .setCompletion("{}")
        .setContentStatus(ContentStatus.CAPTURED)
        .build();
  }
}
