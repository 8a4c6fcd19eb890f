package dev.argus.semconv.model;

/**
 * Whether the prompt and completion text of a call reached ARGUS in a form that can be scored.
 * {@link GenAiCall#contentFlags()} adds per-side detail: a call can be {@link #CAPTURED} with its
 * input cut ({@link ContentFlag#INPUT_TRUNCATED}) as long as its output is intact.
 */
public enum ContentStatus {
  /** Prompt and/or completion text (or requested tool calls) were captured and can be scored. */
  CAPTURED,
  /** The producer did not record content (capture switched off, or the default). */
  NOT_CAPTURED,
  /** Content was only present as placeholders such as {@code __REDACTED__}. */
  REDACTED,
  /** The output (or, without output, the input) was cut by the producer's length limit. */
  TRUNCATED
}
