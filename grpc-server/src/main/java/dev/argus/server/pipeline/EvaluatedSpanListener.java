package dev.argus.server.pipeline;

import dev.argus.core.enrich.EvaluatedSpan;
import java.util.List;

/**
 * Is told about the gen-AI spans of each request once the request was accepted for delivery:
 * delivered downstream in sync mode, kept by the sending queue otherwise.
 */
@FunctionalInterface
public interface EvaluatedSpanListener {

  /** A listener that does nothing. */
  EvaluatedSpanListener NONE = spans -> {};

  /**
   * Receives the evaluated spans of one accepted request, never empty. Called on a transport
   * thread: implementations must return quickly and must not throw.
   */
  void onEvaluated(List<EvaluatedSpan> spans);
}
