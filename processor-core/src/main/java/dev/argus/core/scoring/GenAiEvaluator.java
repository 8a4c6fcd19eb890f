package dev.argus.core.scoring;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.argus.core.scoring.accuracy.AccuracyScorer;
import dev.argus.core.scoring.accuracy.GoldenSet;
import dev.argus.core.scoring.cost.CostBaseline;
import dev.argus.core.scoring.cost.InferenceCostScorer;
import dev.argus.core.scoring.groundedness.GroundednessScorer;
import dev.argus.core.scoring.reliability.ReliabilityScorer;
import dev.argus.core.scoring.safety.PiiKind;
import dev.argus.core.scoring.safety.PiiScanner;
import dev.argus.core.scoring.safety.SafetyScorer;
import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Num;
import dev.argus.core.scoring.variance.AnswerHistory;
import dev.argus.core.scoring.variance.VarianceScorer;
import dev.argus.semconv.ArgusAttributes;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates a gen-AI call on the six dimensions, combines the applicable scores into a weighted
 * composite (weights renormalised over the dimensions that applied) and decides the verdict: {@link
 * Verdict#FAIL} when any applicable dimension or the composite is below its threshold, {@link
 * Verdict#NOT_EVALUATED} when there is no content or nothing applied. Thread-safe; the variance and
 * cost scorers keep bounded state about recent traffic.
 */
public final class GenAiEvaluator implements Evaluator {

  private static final Logger LOG = Logger.getLogger(GenAiEvaluator.class.getName());
  private static final Set<Dimension> NEED_FULL_TEXT =
      EnumSet.of(Dimension.GROUNDEDNESS, Dimension.ACCURACY, Dimension.VARIANCE);
  private static final Set<String> UNSCORED_OPERATIONS =
      Lexicon.words("embeddings", "embedding", "create_embeddings");

  private final ScoringConfig config;
  private final Map<Dimension, Double> weights;
  private final List<DimensionScorer> scorers;

  /** Creates an evaluator with the given configuration. */
  public GenAiEvaluator(ScoringConfig config) {
    this(config, Ticker.systemTicker());
  }

  /** Creates an evaluator whose caches expire by {@code ticker}, for tests. */
  GenAiEvaluator(ScoringConfig config, Ticker ticker) {
    this.config = config;
    this.weights = config.normalisedWeights();
    AnswerHistory history =
        new AnswerHistory(
            config.varianceMaxPrompts(),
            config.varianceAnswersPerPrompt(),
            config.varianceTtl(),
            ticker);
    this.scorers =
        List.of(
            new GroundednessScorer(),
            new AccuracyScorer(GoldenSet.of(config.goldenAnswers())),
            new ReliabilityScorer(config.latencySlaMillis()),
            new VarianceScorer(history),
            new InferenceCostScorer(
                new CostBaseline(1_000, Duration.ofHours(6), ticker), config.costBudgetTokens()),
            new SafetyScorer(new PiiScanner(config.phoneRegions(), EnumSet.allOf(PiiKind.class))));
  }

  /** Returns the configuration in force. */
  public ScoringConfig config() {
    return config;
  }

  @Override
  public Evaluation evaluate(ScoringInput input) {
    try {
      return evaluateChecked(input);
    } catch (RuntimeException e) {
      // A scorer bug must not stop the pipeline: the span passes through unscored.
      LOG.log(Level.FINE, "scoring failed", e);
      return Evaluation.notEvaluated(
          config.profile(),
          ArgusAttributes.REASON_SCORING_ERROR,
          "scoring error: " + e.getClass().getName());
    }
  }

  private Evaluation evaluateChecked(ScoringInput input) {
    GenAiCall call = input.call();
    String skip = reasonNotToEvaluate(call);
    if (skip != null) {
      return Evaluation.notEvaluated(config.profile(), skip);
    }
    Map<Dimension, DimensionScore> scores = new EnumMap<>(Dimension.class);
    for (DimensionScorer scorer : scorers) {
      scores.put(scorer.dimension(), scoreOne(scorer, input));
    }
    ScoringConfig.Thresholds thresholds = config.thresholdsFor(input.serviceName(), call.model());
    return combine(scores, thresholds);
  }

  private DimensionScore scoreOne(DimensionScorer scorer, ScoringInput input) {
    if (input.call().contentStatus() == ContentStatus.TRUNCATED
        && NEED_FULL_TEXT.contains(scorer.dimension())) {
      return DimensionScore.notApplicable(scorer.dimension(), "content truncated by telemetry");
    }
    return scorer.score(input);
  }

  private static String reasonNotToEvaluate(GenAiCall call) {
    String operation = call.operation() == null ? "" : call.operation().toLowerCase(Locale.ROOT);
    if (UNSCORED_OPERATIONS.contains(operation)) {
      return "operation not scored: " + operation;
    }
    if (call.contentStatus() == ContentStatus.NOT_CAPTURED) {
      return "content not captured";
    }
    if (call.contentStatus() == ContentStatus.REDACTED) {
      return "content redacted";
    }
    if (!call.hasCompletion() && call.toolCalls().isEmpty() && call.errorType() == null) {
      return "no completion";
    }
    return null;
  }

  private Evaluation combine(
      Map<Dimension, DimensionScore> scores, ScoringConfig.Thresholds thresholds) {
    double weighted = 0;
    double weightSum = 0;
    List<Dimension> failed = new ArrayList<>();
    for (DimensionScore score : scores.values()) {
      if (!score.applicable()) {
        continue;
      }
      double weight = weights.get(score.dimension());
      weighted += weight * score.value();
      weightSum += weight;
      if (score.value() < thresholds.of(score.dimension())) {
        failed.add(score.dimension());
      }
    }
    if (weightSum == 0) {
      if (scores.values().stream().noneMatch(DimensionScore::applicable)) {
        return new Evaluation(
            scores,
            null,
            Verdict.NOT_EVALUATED,
            List.of(),
            false,
            thresholds.dimensions(),
            config.profile(),
            "no dimension applies");
      }
    }
    Double composite = weightSum > 0 ? weighted / weightSum : null;
    boolean compositeFailed = composite != null && composite < thresholds.composite();
    Verdict verdict =
        composite == null
            ? Verdict.NOT_EVALUATED
            : failed.isEmpty() && !compositeFailed ? Verdict.PASS : Verdict.FAIL;
    return new Evaluation(
        scores,
        composite,
        verdict,
        failed,
        compositeFailed,
        thresholds.dimensions(),
        config.profile(),
        explanation(scores, failed, composite, compositeFailed, thresholds));
  }

  private static String explanation(
      Map<Dimension, DimensionScore> scores,
      List<Dimension> failed,
      Double composite,
      boolean compositeFailed,
      ScoringConfig.Thresholds thresholds) {
    if (failed.isEmpty() && !compositeFailed) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (Dimension dimension : failed) {
      DimensionScore score = scores.get(dimension);
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(dimension.key())
          .append(' ')
          .append(Num.fixed(score.value(), 2))
          .append(" < ")
          .append(Num.fixed(thresholds.of(dimension), 2))
          .append(": ")
          .append(score.explanation());
    }
    if (compositeFailed) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append("composite ")
          .append(Num.fixed(composite, 2))
          .append(" < ")
          .append(Num.fixed(thresholds.composite(), 2));
    }
    return text.toString();
  }
}
