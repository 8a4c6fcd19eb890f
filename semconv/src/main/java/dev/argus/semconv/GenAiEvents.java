package dev.argus.semconv;

import java.util.Set;

/**
 * Event names of the gen-AI semantic conventions (v1.26 to v1.41 and GenAI main), as span event
 * names or as the event name of OTLP log records.
 */
public final class GenAiEvents {

  /** Opt-in event (v1.37+) with the input, output and system content of one inference. */
  public static final String GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS =
      "gen_ai.client.inference.operation.details";

  /** A system message (v1.28 to v1.36; deprecated in v1.37). */
  public static final String GEN_AI_SYSTEM_MESSAGE = "gen_ai.system.message";

  /** A user message (v1.28 to v1.36; deprecated in v1.37). */
  public static final String GEN_AI_USER_MESSAGE = "gen_ai.user.message";

  /** An assistant message of the history (v1.28 to v1.36; deprecated in v1.37). */
  public static final String GEN_AI_ASSISTANT_MESSAGE = "gen_ai.assistant.message";

  /** A tool result message (v1.28 to v1.36; deprecated in v1.37). */
  public static final String GEN_AI_TOOL_MESSAGE = "gen_ai.tool.message";

  /** A choice returned by the model (v1.28 to v1.36; deprecated in v1.37). */
  public static final String GEN_AI_CHOICE = "gen_ai.choice";

  /**
   * Prompt content event carrying attribute {@code gen_ai.prompt} (v1.26).
   *
   * @deprecated replaced by the per-message events in v1.28.0.
   */
  @Deprecated public static final String GEN_AI_CONTENT_PROMPT = "gen_ai.content.prompt";

  /**
   * Completion content event carrying attribute {@code gen_ai.completion} (v1.26).
   *
   * @deprecated replaced by {@link #GEN_AI_CHOICE} in v1.28.0.
   */
  @Deprecated public static final String GEN_AI_CONTENT_COMPLETION = "gen_ai.content.completion";

  /** Evaluation result of a gen-AI operation (v1.38+). */
  public static final String GEN_AI_EVALUATION_RESULT = "gen_ai.evaluation.result";

  /** Every event name that carries gen-AI content, for joining log records to spans. */
  @SuppressWarnings("deprecation")
  public static final Set<String> CONTENT_EVENTS =
      Set.of(
          GEN_AI_CLIENT_INFERENCE_OPERATION_DETAILS,
          GEN_AI_SYSTEM_MESSAGE,
          GEN_AI_USER_MESSAGE,
          GEN_AI_ASSISTANT_MESSAGE,
          GEN_AI_TOOL_MESSAGE,
          "gen_ai.tools.message",
          GEN_AI_CHOICE,
          GEN_AI_CONTENT_PROMPT,
          GEN_AI_CONTENT_COMPLETION);

  private GenAiEvents() {}
}
