package dev.argus.core.enrich;

import java.util.Optional;

/**
 * Links an evaluated span to the correction event sent for it. The processor calls it for every
 * evaluated gen-AI span and writes the returned id onto the span as {@code argus.correction.id}, so
 * traces lead to webhook deliveries.
 */
@FunctionalInterface
public interface CorrectionLinker {

  /** A linker that never links: no correction events. */
  CorrectionLinker NONE = (span, attempt) -> Optional.empty();

  /**
   * Returns the id of the correction event for {@code span}, or empty when it gets none. Called on
   * the span path: must not block, must not do I/O itself (hand it to another thread), and should
   * not throw (a throw is treated as empty).
   *
   * @param span the evaluated span
   * @param attempt the span's {@code argus.correction.attempt}, 0 when absent or invalid
   */
  Optional<String> link(EvaluatedSpan span, int attempt);
}
