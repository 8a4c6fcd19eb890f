package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Interaction;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ScoringInput;
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
 * One dimension's scorer on one gen-AI call, with the default scoring configuration: the cost of
 * each of the six heuristics on its own, to find the one that dominates the evaluation.
 *
 * <p>Workload: 64 corpus interactions written as current-semconv chat spans and read back by the
 * standard extractor (so scorers see exactly what they see in production); {@code completionChars}
 * is {@code corpus} (the corpus's own 100–4,000 characters) or an exact completion length, for the
 * linearity figure (cost per character should stay flat). Stateful scorers (variance, cost) reach
 * their steady state during warm-up. One operation = one call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScorerBenchmark} after {@code mvn -B
 * -DskipTests package -pl benchmarks -am}; narrow with {@code -p dimension=SAFETY}. Figures are a
 * gauge for comparing changes on one machine, not absolute truths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScorerBenchmark {
  private static final int CALLS = 64;

  /** The dimension whose scorer is measured. */
  @Param({"GROUNDEDNESS", "ACCURACY", "RELIABILITY", "VARIANCE", "INFERENCE_COST", "SAFETY"})
  public Dimension dimension;

  /** Completion length in characters, or {@code corpus} for the corpus's own lengths. */
  @Param({"corpus", "1024", "4096", "16384", "65536"})
  public String completionChars;

  private DimensionScorer scorer;
  private ScoringInput[] inputs;
  private int next;

  /** Builds the scorer and the inputs once. */
  @Setup
  public void setUp() {
    scorer = Scorers.of(dimension, ScoringConfig.defaults());
    Interaction[] rows = BenchmarkInputs.rows(BenchmarkInputs.corpus(), completionChars, CALLS);
    inputs = new ScoringInput[CALLS];
    for (int i = 0; i < CALLS; i++) {
      inputs[i] = new ScoringInput(BenchmarkInputs.call(rows[i]), "bench-genai", null);
    }
  }

  /** Scores the next call. */
  @Benchmark
  public DimensionScore score() {
    ScoringInput input = inputs[next];
    next = (next + 1) % CALLS;
    return scorer.score(input);
  }
}
