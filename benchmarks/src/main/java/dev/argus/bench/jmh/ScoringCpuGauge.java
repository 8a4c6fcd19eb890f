package dev.argus.bench.jmh;

import com.sun.management.ThreadMXBean;
import dev.argus.bench.cli.OptionPairs;
import dev.argus.bench.corpus.Corpus;
import dev.argus.bench.corpus.Interaction;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ScoringInput;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Median CPU time of one evaluation and of each scorer, per completion size, measured with the
 * thread's own CPU clock. Unlike JMH's wall-clock figures it barely moves when other processes
 * compete for the cores, so it is the figure to compare with the 50 µs target on a shared machine;
 * JMH's {@link EvaluationBenchmark} stays the reference on a quiet one.
 *
 * <p>Workload: the same inputs as {@link EvaluationBenchmark} (by default 256 corpus interactions
 * read back from current-semconv spans; {@code --calls 5000} cycles through as many distinct
 * interactions as the load test does, so tables that fill with new words and numbers show). Each
 * size is warmed up for {@code --warmup} seconds, then every call is timed for {@code --seconds}
 * seconds (bounded by {@code --max-calls}). Besides quantiles it prints the mean, which is what
 * throughput depends on, and the heap bytes one evaluation allocates, which set how often a loaded
 * server collects garbage.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.argus.bench.jmh.ScoringCpuGauge
 * [--seconds 5] [--warmup 5] [--sizes corpus,1024] [--calls 256]}. Figures are a gauge, not
 * absolute truths.
 */
public final class ScoringCpuGauge {
  private static final List<String> ALL_SIZES = List.of("corpus", "1024", "4096", "16384", "65536");
  private static final int DEFAULT_CALLS = 256;
  private static final double REFERENCE_PYTHON_MICROS = 1_500;
  private static final String USAGE =
      "usage: java -cp benchmarks/target/benchmarks.jar dev.argus.bench.jmh.ScoringCpuGauge"
          + " [--seconds 5] [--warmup 5] [--max-calls N] [--sizes corpus,1024,...] [--calls 256]";

  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final int seconds;
  private final int warmupSeconds;
  private final int maxCalls;
  private final List<String> sizes;
  private final int calls;
  private double lastAllocatedBytesPerCall;

  private ScoringCpuGauge(
      int seconds, int warmupSeconds, int maxCalls, List<String> sizes, int calls) {
    this.seconds = seconds;
    this.warmupSeconds = warmupSeconds;
    this.maxCalls = maxCalls;
    this.sizes = sizes;
    this.calls = calls;
  }

  /** Prints the median CPU µs per evaluation and per scorer for each completion size. */
  public static void main(String[] args) {
    int seconds = 5;
    int warmup = 5;
    int maxCalls = 1_000_000;
    List<String> sizes = ALL_SIZES;
    int calls = DEFAULT_CALLS;
    Map<String, String> options = OptionPairs.parse(args, USAGE);
    if (options == null) {
      return;
    }
    for (Map.Entry<String, String> option : options.entrySet()) {
      switch (option.getKey()) {
        case "--seconds" -> seconds = Integer.parseInt(option.getValue());
        case "--warmup" -> warmup = Integer.parseInt(option.getValue());
        case "--max-calls" -> maxCalls = Integer.parseInt(option.getValue());
        case "--sizes" -> sizes = List.of(option.getValue().split(","));
        case "--calls" -> calls = Integer.parseInt(option.getValue());
        default ->
            throw new IllegalArgumentException(
                "unknown option: "
                    + option.getKey()
                    + " (expected: --seconds, --warmup, --max-calls, --sizes, --calls)");
      }
    }
    new ScoringCpuGauge(seconds, warmup, maxCalls, sizes, calls).run();
  }

  private void run() {
    Corpus corpus =
        calls <= BenchmarkInputs.CORPUS_ROWS
            ? BenchmarkInputs.corpus()
            : Corpus.load(calls, Corpus.DEFAULT_SEED);
    System.out.println(
        "| completion | chars (mean) | evaluation p50 µs | p90 µs | p99 µs"
            + " | mean µs | µs per 1,000 chars | × reference Python | slowest scorer p50 µs"
            + " | KB allocated |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    StringBuilder perScorer = new StringBuilder();
    for (String size : sizes) {
      ScoringInput[] inputs = inputs(corpus, size, calls);
      Evaluator evaluator = new GenAiEvaluator(ScoringConfig.defaults());
      long[] evaluation = measure(inputs, evaluator::evaluate);
      double allocatedKb = lastAllocatedBytesPerCall / 1024;
      String slowest = "";
      double slowestMicros = -1;
      for (Dimension dimension : Dimension.values()) {
        DimensionScorer scorer = Scorers.of(dimension, ScoringConfig.defaults());
        long[] samples = measure(inputs, scorer::score);
        double micros = quantile(samples, 0.5);
        perScorer.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.1f | %.1f |%n",
                size,
                dimension.key(),
                micros,
                mean(samples)));
        if (micros > slowestMicros) {
          slowestMicros = micros;
          slowest = dimension.key();
        }
      }
      double chars = meanChars(inputs);
      double median = quantile(evaluation, 0.5);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f× | %s %.1f | %.1f |%n",
          size,
          chars,
          median,
          quantile(evaluation, 0.9),
          quantile(evaluation, 0.99),
          mean(evaluation),
          median * 1000 / chars,
          REFERENCE_PYTHON_MICROS / median,
          slowest,
          slowestMicros,
          allocatedKb);
    }
    System.out.println();
    System.out.println("| completion | scorer | p50 µs | mean µs |");
    System.out.println("|---|---|---:|---:|");
    System.out.print(perScorer);
  }

  private static ScoringInput[] inputs(Corpus corpus, String size, int calls) {
    Interaction[] rows = BenchmarkInputs.rows(corpus, size, calls);
    ScoringInput[] inputs = new ScoringInput[calls];
    for (int i = 0; i < calls; i++) {
      inputs[i] = new ScoringInput(BenchmarkInputs.call(rows[i]), "bench-genai", null);
    }
    return inputs;
  }

  // Prompt, context and completion: everything a scorer may read.
  private static double meanChars(ScoringInput[] inputs) {
    long chars = 0;
    for (ScoringInput input : inputs) {
      chars +=
          input.call().prompt().length()
              + input.call().contextText().length()
              + input.call().completion().length();
    }
    return (double) chars / inputs.length;
  }

  /**
   * Returns the CPU nanoseconds of every timed call, sorted, and leaves the mean heap bytes a call
   * allocated in {@link #lastAllocatedBytesPerCall}.
   */
  private long[] measure(ScoringInput[] inputs, Consumer<ScoringInput> work) {
    long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    for (int i = 0; System.nanoTime() < warmupEnd; i++) {
      work.accept(inputs[i % inputs.length]);
    }
    long[] samples = new long[Math.min(maxCalls, 1 << 16)];
    int count = 0;
    long allocated = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int i = 0; count < maxCalls && System.nanoTime() < end; i++) {
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long before = threads.getCurrentThreadCpuTime();
      work.accept(inputs[i % inputs.length]);
      long cpu = threads.getCurrentThreadCpuTime() - before;
      allocated += threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      if (count == samples.length) {
        samples = Arrays.copyOf(samples, Math.min(maxCalls, samples.length * 2));
      }
      samples[count++] = cpu;
    }
    lastAllocatedBytesPerCall = count == 0 ? Double.NaN : (double) allocated / count;
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return sorted;
  }

  private static double mean(long[] nanos) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (long value : nanos) {
      sum += value;
    }
    return sum / nanos.length / 1_000.0;
  }

  private static double quantile(long[] sortedNanos, double quantile) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, index)] / 1_000.0;
  }
}
