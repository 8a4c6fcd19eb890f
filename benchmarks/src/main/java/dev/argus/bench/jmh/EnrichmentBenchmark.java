package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Interaction;
import dev.argus.bench.otlp.GenAiSpans;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Enrichment of one evaluated span with {@link SpanEnricher}: the {@code argus.*} attributes and,
 * with {@code events=true}, one {@code gen_ai.evaluation.result} event per dimension.
 *
 * <p>Workload: 64 corpus chat spans in current semconv form, each with a fixed evaluation of six
 * applicable scores, one of them failing (so every attribute and event is written). Enrichment
 * should not depend on text size; {@code completionChars} shows that it does not. One operation =
 * one span.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EnrichmentBenchmark} after {@code mvn
 * -B -DskipTests package -pl benchmarks -am}. Figures are a gauge for comparing changes on one
 * machine, not absolute truths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EnrichmentBenchmark {
  private static final int SPANS = 64;

  /** Whether evaluation events are written besides the attributes. */
  @Param({"true", "false"})
  public boolean events;

  /** Completion length in characters, or {@code corpus} for the corpus's own lengths. */
  @Param({"corpus", "65536"})
  public String completionChars;

  private SpanEnricher enricher;
  private Span[] spans;
  private GenAiCall[] calls;
  private Evaluation evaluation;
  private int next;

  /** Builds the spans, calls and the evaluation once. */
  @Setup
  public void setUp() {
    enricher = new SpanEnricher(events);
    Interaction[] rows = BenchmarkInputs.rows(BenchmarkInputs.corpus(), completionChars, SPANS);
    spans = new Span[SPANS];
    calls = new GenAiCall[SPANS];
    for (int i = 0; i < SPANS; i++) {
      spans[i] = GenAiSpans.chat(rows[i], i);
      calls[i] = BenchmarkInputs.call(rows[i]);
    }
    evaluation = failingEvaluation();
  }

  /** Enriches the next span. */
  @Benchmark
  public Span enrich() {
    int i = next;
    next = (next + 1) % SPANS;
    return enricher.enrich(spans[i], calls[i], evaluation);
  }

  private static Evaluation failingEvaluation() {
    Map<Dimension, DimensionScore> scores = new EnumMap<>(Dimension.class);
    Map<Dimension, Double> thresholds = new EnumMap<>(Dimension.class);
    for (Dimension dimension : Dimension.values()) {
      double value = dimension == Dimension.GROUNDEDNESS ? 0.42 : 0.91;
      scores.put(
          dimension,
          DimensionScore.of(dimension, value, dimension.key() + " scored " + value, Map.of()));
      thresholds.put(dimension, 0.6);
    }
    return new Evaluation(
        scores,
        0.82,
        Verdict.FAIL,
        List.of(Dimension.GROUNDEDNESS),
        false,
        thresholds,
        "default",
        "groundedness 0.42 < 0.60");
  }
}
