package dev.argus.semconv.model;

/**
 * A detail about how the content of one side of a call reached ARGUS, finer than {@link
 * ContentStatus}: the input may be cut while the output is intact, and the output can still be
 * scored.
 */
public enum ContentFlag {
  /** The input messages were cut mid-JSON by a length limit; complete messages were salvaged. */
  INPUT_TRUNCATED,
  /** The output messages were cut mid-JSON by a length limit. */
  OUTPUT_TRUNCATED,
  /** The input was not in any known message format; its raw text is used as the prompt. */
  INPUT_UNRECOGNISED,
  /** The output was not in any known message format; its raw text is used as the completion. */
  OUTPUT_UNRECOGNISED,
  /** Some input content was replaced by a redaction placeholder. */
  INPUT_REDACTED,
  /** Some output content was replaced by a redaction placeholder. */
  OUTPUT_REDACTED
}
