package dev.argus.semconv.model;

/** Whether the prompt and completion text of a call reached ARGUS intact. */
public enum ContentStatus {
  /** Prompt and/or completion text were captured and can be scored. */
  CAPTURED,
  /** The producer did not record content (capture switched off, or the default). */
  NOT_CAPTURED,
  /** Content was replaced by a placeholder such as {@code __REDACTED__}. */
  REDACTED,
  /** Content was cut by the producer (for example an attribute length limit). */
  TRUNCATED
}
