package dev.argus.bench.jmh;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.accuracy.AccuracyScorer;
import dev.argus.core.scoring.accuracy.GoldenSet;
import dev.argus.core.scoring.cost.CostBaseline;
import dev.argus.core.scoring.cost.InferenceCostScorer;
import dev.argus.core.scoring.groundedness.GroundednessScorer;
import dev.argus.core.scoring.reliability.ReliabilityScorer;
import dev.argus.core.scoring.safety.PiiKind;
import dev.argus.core.scoring.safety.PiiScanner;
import dev.argus.core.scoring.safety.SafetyScorer;
import dev.argus.core.scoring.variance.AnswerHistory;
import dev.argus.core.scoring.variance.VarianceScorer;
import java.time.Duration;
import java.util.EnumSet;

/** Builds each dimension's scorer the way the default evaluator does. */
final class Scorers {
  private Scorers() {}

  /** Returns the scorer of {@code dimension} configured from {@code config}. */
  static DimensionScorer of(Dimension dimension, ScoringConfig config) {
    return switch (dimension) {
      case GROUNDEDNESS -> new GroundednessScorer();
      case ACCURACY -> new AccuracyScorer(GoldenSet.of(config.goldenAnswers()));
      case RELIABILITY -> new ReliabilityScorer(config.latencySlaMillis());
      case VARIANCE ->
          new VarianceScorer(
              new AnswerHistory(
                  config.varianceMaxPrompts(),
                  config.varianceAnswersPerPrompt(),
                  config.varianceTtl(),
                  Ticker.systemTicker()));
      case INFERENCE_COST ->
          new InferenceCostScorer(
              new CostBaseline(1_000, Duration.ofHours(6), Ticker.systemTicker()),
              config.costBudgetTokens());
      case SAFETY ->
          new SafetyScorer(new PiiScanner(config.phoneRegions(), EnumSet.allOf(PiiKind.class)));
    };
  }
}
