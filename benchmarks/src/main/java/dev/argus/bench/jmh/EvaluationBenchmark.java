package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Interaction;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.GenAiEvaluator;
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
 * The full evaluation of one gen-AI call by {@link GenAiEvaluator} with the default {@link
 * ScoringConfig}: all six scorers, the weighted composite and the verdict. Target: median ≤ 50 µs
 * for a corpus interaction on one core, 30× the reference Python implementation's ~1.5 ms on the
 * same corpus.
 *
 * <p>Workload: 256 corpus interactions written as current-semconv chat spans and read back by the
 * standard extractor; {@code completionChars} is {@code corpus} (the corpus's own 100–4,000
 * characters, the target's workload) or an exact completion length, for the linearity figure.
 * Sample-time mode, so the output has the median ({@code p0.50}) and the tail. One operation = one
 * call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EvaluationBenchmark} after {@code mvn
 * -B -DskipTests package -pl benchmarks -am}. Figures are a gauge for comparing changes on one
 * machine, not absolute truths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluationBenchmark {
  private static final int CALLS = 256;

  /** Completion length in characters, or {@code corpus} for the corpus's own lengths. */
  @Param({"corpus", "1024", "4096", "16384", "65536"})
  public String completionChars;

  private GenAiEvaluator evaluator;
  private ScoringInput[] inputs;
  private int next;

  /** Builds the evaluator and the inputs once. */
  @Setup
  public void setUp() {
    evaluator = new GenAiEvaluator(ScoringConfig.defaults());
    Interaction[] rows = BenchmarkInputs.rows(BenchmarkInputs.corpus(), completionChars, CALLS);
    inputs = new ScoringInput[CALLS];
    for (int i = 0; i < CALLS; i++) {
      inputs[i] = new ScoringInput(BenchmarkInputs.call(rows[i]), "bench-genai", null);
    }
  }

  /** Evaluates the next call. */
  @Benchmark
  public Evaluation evaluate() {
    ScoringInput input = inputs[next];
    next = (next + 1) % CALLS;
    return evaluator.evaluate(input);
  }
}
