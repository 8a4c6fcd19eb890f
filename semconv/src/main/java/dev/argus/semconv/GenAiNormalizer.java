package dev.argus.semconv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the spellings producers use for providers, roles and finish reasons onto the
 * semantic-convention vocabulary. Unknown values are kept (lower-cased for providers and roles, raw
 * for finish reasons) so nothing is silently lost. Thread-safe.
 */
public final class GenAiNormalizer {

  private static final Map<String, String> PROVIDERS =
      Map.ofEntries(
          Map.entry("openai", "openai"),
          Map.entry("openai.chat", "openai"),
          Map.entry("openai.responses", "openai"),
          Map.entry("openai.completion", "openai"),
          Map.entry("az.ai.openai", "azure.ai.openai"),
          Map.entry("azure_openai", "azure.ai.openai"),
          Map.entry("azure", "azure.ai.openai"),
          Map.entry("azure.chat", "azure.ai.openai"),
          Map.entry("azure.responses", "azure.ai.openai"),
          Map.entry("azure.ai.openai", "azure.ai.openai"),
          Map.entry("az.ai.inference", "azure.ai.inference"),
          Map.entry("azure-ai-inference", "azure.ai.inference"),
          Map.entry("azure.ai.inference", "azure.ai.inference"),
          Map.entry("anthropic", "anthropic"),
          Map.entry("anthropic.messages", "anthropic"),
          Map.entry("aws.bedrock", "aws.bedrock"),
          Map.entry("aws", "aws.bedrock"),
          Map.entry("bedrock", "aws.bedrock"),
          Map.entry("amazon-bedrock", "aws.bedrock"),
          Map.entry("amazon", "aws.bedrock"),
          Map.entry("gcp.vertex_ai", "gcp.vertex_ai"),
          Map.entry("vertex_ai", "gcp.vertex_ai"),
          Map.entry("vertexai", "gcp.vertex_ai"),
          Map.entry("google.vertex.chat", "gcp.vertex_ai"),
          Map.entry("gcp.gemini", "gcp.gemini"),
          Map.entry("gemini", "gcp.gemini"),
          Map.entry("google.ai.studio", "gcp.gemini"),
          Map.entry("google-ai-studio", "gcp.gemini"),
          Map.entry("google.generative-ai", "gcp.gemini"),
          Map.entry("gcp.gen_ai", "gcp.gen_ai"),
          Map.entry("google", "gcp.gen_ai"),
          Map.entry("xai", "x_ai"),
          Map.entry("x_ai", "x_ai"),
          Map.entry("mistral_ai", "mistral_ai"),
          Map.entry("mistralai", "mistral_ai"),
          Map.entry("mistral", "mistral_ai"),
          Map.entry("ibm.watsonx.ai", "ibm.watsonx.ai"),
          Map.entry("watsonx", "ibm.watsonx.ai"),
          Map.entry("ibm.watson.ai", "ibm.watsonx.ai"));

  private static final Map<String, String> ROLES =
      Map.ofEntries(
          Map.entry("system", "system"),
          Map.entry("developer", "system"),
          Map.entry("user", "user"),
          Map.entry("human", "user"),
          Map.entry("assistant", "assistant"),
          Map.entry("ai", "assistant"),
          Map.entry("model", "assistant"),
          Map.entry("tool", "tool"),
          Map.entry("function", "tool"),
          Map.entry("ipython", "tool"));

  private static final Map<String, String> FINISH_REASONS =
      Map.ofEntries(
          Map.entry("stop", "stop"),
          Map.entry("end_turn", "stop"),
          Map.entry("stop_sequence", "stop"),
          Map.entry("completed", "stop"),
          Map.entry("length", "length"),
          Map.entry("max_tokens", "length"),
          Map.entry("max_output_tokens", "length"),
          Map.entry("incomplete", "length"),
          Map.entry("tool_calls", "tool_call"),
          Map.entry("tool_call", "tool_call"),
          Map.entry("tool_use", "tool_call"),
          Map.entry("tool-calls", "tool_call"),
          Map.entry("function_call", "tool_call"),
          Map.entry("content_filter", "content_filter"),
          Map.entry("content-filter", "content_filter"),
          Map.entry("safety", "content_filter"),
          Map.entry("refusal", "content_filter"),
          Map.entry("error", "error"));

  private GenAiNormalizer() {}

  /**
   * Returns the provider in the {@code gen_ai.provider.name} vocabulary, or null for a null or
   * blank value. Framework names ({@code langchain}, {@code spring_ai}) are kept lower-cased.
   */
  public static String provider(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String key = raw.trim().toLowerCase(Locale.ROOT);
    return PROVIDERS.getOrDefault(key, key);
  }

  /**
   * Returns {@code system}, {@code user}, {@code assistant}, {@code tool}, the raw role
   * lower-cased, or the empty string when the producer recorded no role.
   */
  public static String role(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String key = raw.trim().toLowerCase(Locale.ROOT);
    return ROLES.getOrDefault(key, key);
  }

  /**
   * Returns {@code stop}, {@code length}, {@code tool_call}, {@code content_filter}, {@code error}
   * or the raw value when it is none of the known spellings; null for null or blank.
   */
  public static String finishReason(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String trimmed = raw.trim();
    return FINISH_REASONS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
  }

  /** Normalises every finish reason of {@code raw}, dropping blanks. */
  public static List<String> finishReasons(List<String> raw) {
    List<String> out = new ArrayList<>(raw.size());
    for (String reason : raw) {
      String normalized = finishReason(reason);
      if (normalized != null) {
        out.add(normalized);
      }
    }
    return out;
  }
}
