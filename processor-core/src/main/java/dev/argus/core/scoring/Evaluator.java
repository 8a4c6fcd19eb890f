package dev.argus.core.scoring;

/** Evaluates one gen-AI call on every dimension. Implementations are thread-safe. */
public interface Evaluator {

  /** Returns the evaluation of {@code input}; never throws for any input. */
  Evaluation evaluate(ScoringInput input);
}
