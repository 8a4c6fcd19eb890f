package dev.argus.core.enrich;

import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import java.util.List;

/**
 * Evaluates the gen-AI calls of one request together, so an implementation may score them in
 * parallel. {@link TraceRequestProcessor} uses this interface when its {@link Evaluator} also
 * implements it, and otherwise scores the calls one after another. Implementations are thread-safe.
 */
public interface BatchEvaluator {

  /**
   * Returns one evaluation per input, in the order of {@code inputs}; never throws for any input.
   * Calls of the same batch may be scored in any order and at the same time.
   */
  List<Evaluation> evaluateAll(List<ScoringInput> inputs);
}
