package dev.argus.semconv.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the true values that {@code fixtures/captured/manifest.json} records for each captured
 * request, in the form an extracted call reports them.
 */
public final class CapturedTruth {
  private CapturedTruth() {}

  /**
   * Returns the prompt a call should report: the request's {@code input} when it has one (a
   * completion-style request), else the content of its last user message.
   */
  public static String lastUserText(JsonNode prompt) {
    if (prompt.has("input")) {
      return prompt.get("input").asText();
    }
    String last = "";
    for (JsonNode message : prompt.get("messages")) {
      if (message.get("role").asText().equals("user")) {
        last = message.get("content").asText();
      }
    }
    return last;
  }

  /** Returns the node's text, or an empty string when the manifest records none. */
  public static String textOrEmpty(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText();
  }
}
