package dev.argus.semconv.model;

import java.util.Objects;

/**
 * A piece of retrieved context that the model was given.
 *
 * @param id document id, or null when the producer recorded none
 * @param score retrieval score, or null when not recorded
 * @param content the document text
 */
public record RetrievedDocument(String id, Double score, String content) {

  /** Validates the components. */
  public RetrievedDocument {
    Objects.requireNonNull(content, "content");
  }
}
