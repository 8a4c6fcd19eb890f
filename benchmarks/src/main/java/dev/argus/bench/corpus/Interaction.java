package dev.argus.bench.corpus;

import java.util.Objects;

/**
 * One row of the benchmark corpus: a prompt, its retrieved context and the model's response, with
 * the metadata a gen-AI span usually carries.
 *
 * @param id row id, for example {@code r000042}
 * @param kind response kind: {@code clean}, {@code hedging}, {@code json}, {@code pii}, {@code
 *     markdown} or {@code adversarial}
 * @param systemPrompt the system instructions the prompt starts with
 * @param prompt the user's question and material, without the system instructions
 * @param context retrieved context text; empty when the row has none
 * @param response the completion text
 * @param model model name
 * @param latencyMillis call latency, or null when the row does not report usage
 * @param inputTokens prompt tokens, or null when not reported
 * @param outputTokens completion tokens, or null when not reported
 * @param costUsd cost in US dollars, or null when not reported
 */
public record Interaction(
    String id,
    String kind,
    String systemPrompt,
    String prompt,
    String context,
    String response,
    String model,
    Double latencyMillis,
    Long inputTokens,
    Long outputTokens,
    Double costUsd) {

  /** Validates the components. */
  public Interaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(response, "response");
    systemPrompt = systemPrompt == null ? "" : systemPrompt;
    context = context == null ? "" : context;
  }

  /** Returns a copy whose response is {@code response}, with output tokens scaled to it. */
  public Interaction withResponse(String response) {
    Long tokens = outputTokens == null ? null : Math.max(1L, response.length() / 4L);
    return new Interaction(
        id,
        kind,
        systemPrompt,
        prompt,
        context,
        response,
        model,
        latencyMillis,
        inputTokens,
        tokens,
        costUsd);
  }
}
