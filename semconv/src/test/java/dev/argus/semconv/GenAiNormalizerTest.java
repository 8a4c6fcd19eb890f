package dev.argus.semconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenAiNormalizerTest {

  @ParameterizedTest
  @CsvSource({
    "openai.chat, openai",
    "OpenAI, openai",
    "az.ai.openai, azure.ai.openai",
    "az.ai.inference, azure.ai.inference",
    "Anthropic, anthropic",
    "AWS, aws.bedrock",
    "amazon-bedrock, aws.bedrock",
    "google.vertex.chat, gcp.vertex_ai",
    "gemini, gcp.gemini",
    "Google, gcp.gen_ai",
    "xai, x_ai",
    "MistralAI, mistral_ai",
    "Watsonx, ibm.watsonx.ai",
    "langchain, langchain"
  })
  void provider(String raw, String expected) {
    assertEquals(expected, GenAiNormalizer.provider(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "developer, system",
    "Human, user",
    "AI, assistant",
    "model, assistant",
    "function, tool",
    "critic, critic"
  })
  void role(String raw, String expected) {
    assertEquals(expected, GenAiNormalizer.role(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "end_turn, stop",
    "STOP, stop",
    "MAX_TOKENS, length",
    "tool-calls, tool_call",
    "tool_use, tool_call",
    "function_call, tool_call",
    "SAFETY, content_filter",
    "content-filter, content_filter",
    "error, error",
    "other, other"
  })
  void finishReason(String raw, String expected) {
    assertEquals(expected, GenAiNormalizer.finishReason(raw));
  }

  @Test
  void blanks() {
    assertNull(GenAiNormalizer.provider(" "));
    assertEquals("", GenAiNormalizer.role(null));
    assertEquals(List.of("stop"), GenAiNormalizer.finishReasons(List.of("", "stop")));
  }
}
