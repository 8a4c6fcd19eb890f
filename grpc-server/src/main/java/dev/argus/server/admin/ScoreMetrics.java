package dev.argus.server.admin;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-dimension score histograms and failure counters of the spans ARGUS accepted for delivery
 * (delivered in sync mode, queued with the sending queue), labelled by dimension only, so there are
 * six series per metric whatever the traffic. The data points are bound once, so recording a span
 * costs a few increments and no allocation. Thread-safe.
 */
public final class ScoreMetrics implements EvaluatedSpanListener {
  private static final Dimension[] DIMENSIONS = Dimension.values();
  private static final double[] SCORE_BOUNDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  private final Map<Dimension, DistributionDataPoint> scores = new EnumMap<>(Dimension.class);
  private final Map<Dimension, CounterDataPoint> failures = new EnumMap<>(Dimension.class);

  /** Creates the metrics and registers them with {@code registry}. */
  public ScoreMetrics(PrometheusRegistry registry) {
    Histogram histogram =
        Histogram.builder()
            .name("argus_dimension_score")
            .help("Scores of evaluated gen-AI spans per dimension (applicable scores only)")
            .labelNames("dimension")
            .classicOnly()
            .classicUpperBounds(SCORE_BOUNDS)
            .withoutExemplars()
            .register(registry);
    Counter failed =
        Counter.builder()
            .name("argus_dimension_failures_total")
            .help("Evaluated gen-AI spans that failed a dimension's threshold")
            .labelNames("dimension")
            .withoutExemplars()
            .register(registry);
    for (Dimension dimension : Dimension.values()) {
      scores.put(dimension, histogram.labelValues(dimension.key()));
      failures.put(dimension, failed.labelValues(dimension.key()));
    }
  }

  @Override
  public void onEvaluated(List<EvaluatedSpan> spans) {
    for (int i = 0; i < spans.size(); i++) {
      record(spans.get(i).evaluation());
    }
  }

  /** Records the applicable scores and the failed dimensions of {@code evaluation}. */
  void record(Evaluation evaluation) {
    // Indexed loops over a shared array: no iterator per span.
    for (Dimension dimension : DIMENSIONS) {
      DimensionScore score = evaluation.scores().get(dimension);
      if (score != null && score.applicable()) {
        scores.get(dimension).observe(score.value());
      }
    }
    List<Dimension> failed = evaluation.failedDimensions();
    for (int i = 0; i < failed.size(); i++) {
      failures.get(failed.get(i)).inc();
    }
  }
}
