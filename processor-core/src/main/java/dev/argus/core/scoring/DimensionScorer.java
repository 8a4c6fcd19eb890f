package dev.argus.core.scoring;

/**
 * Scores one dimension of a gen-AI call. Implementations are thread-safe, do no I/O and run in time
 * linear in the size of the call's text.
 */
public interface DimensionScorer {

  /** Returns the dimension this scorer produces. */
  Dimension dimension();

  /** Returns the score of {@code input}; never throws for any input. */
  DimensionScore score(ScoringInput input);
}
