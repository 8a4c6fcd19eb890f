package dev.argus.semconv.model;

import java.util.Objects;

/**
 * A piece of retrieved context that the model was given.
 *
 * @param id document id (for a tool result, the tool call id), or null when none was recorded
 * @param score retrieval score, or null when not recorded
 * @param content the document text
 * @param source where the text was found; {@link Source#RETRIEVAL} unless stated
 */
public record RetrievedDocument(String id, Double score, String content, Source source) {

  /** Where a piece of context was found. */
  public enum Source {
    /** A retrieval or retriever span of the same trace (or a vector-store result event). */
    RETRIEVAL,
    /** The result of a tool call the model asked for. */
    TOOL_RESULT,
    /** A context block inside the system instructions or the user message. */
    INLINE
  }

  /** Validates the components; a null source means {@link Source#RETRIEVAL}. */
  public RetrievedDocument {
    Objects.requireNonNull(content, "content");
    source = source == null ? Source.RETRIEVAL : source;
  }

  /** Creates a document found by retrieval. */
  public RetrievedDocument(String id, Double score, String content) {
    this(id, score, content, Source.RETRIEVAL);
  }
}
