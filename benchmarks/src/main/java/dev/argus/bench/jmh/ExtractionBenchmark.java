package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Interaction;
import dev.argus.bench.otlp.ConventionSpans;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.model.GenAiCall;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Optional;
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
 * Extraction of one gen-AI call from one span with {@link GenAiExtractor#standard()}, per telemetry
 * convention: recognising the convention, reading the attributes, parsing the messages and
 * normalising them into a {@link GenAiCall}.
 *
 * <p>Workload: 64 corpus interactions, each written as a span of the convention under test ({@link
 * ConventionSpans}; {@code NOT_GENAI} is a plain HTTP span every extractor must reject); {@code
 * completionChars} is {@code corpus} (responses as generated, 100–4,000 chars) or an exact
 * completion length for the linearity figure. One operation = one span.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ExtractionBenchmark} after {@code mvn
 * -B -DskipTests package -pl benchmarks -am}; narrow with {@code -p convention=SEMCONV}. Figures
 * are a gauge for comparing changes on one machine, not absolute truths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExtractionBenchmark {
  private static final int SPANS = 64;

  /** The convention the spans are written in. */
  @Param({
    "SEMCONV",
    "SEMCONV_STRUCTURED",
    "LEGACY_ATTRIBUTES",
    "LEGACY_EVENTS",
    "OPENLLMETRY",
    "OPENINFERENCE",
    "VERCEL",
    "NOT_GENAI"
  })
  public ConventionSpans.Convention convention;

  /** Completion length in characters, or {@code corpus} for the corpus's own lengths. */
  @Param({"corpus", "1024", "4096", "16384", "65536"})
  public String completionChars;

  private final GenAiExtractor extractor = GenAiExtractor.standard();
  private Span[] spans;
  private int next;

  /** Builds the spans once. */
  @Setup
  public void setUp() {
    Interaction[] rows = BenchmarkInputs.rows(BenchmarkInputs.corpus(), completionChars, SPANS);
    spans = new Span[SPANS];
    for (int i = 0; i < SPANS; i++) {
      spans[i] = ConventionSpans.of(convention, rows[i], i);
    }
  }

  /** Extracts the call of the next span. */
  @Benchmark
  public Optional<GenAiCall> extract() {
    Span span = spans[next];
    next = (next + 1) % SPANS;
    return extractor.extract(span);
  }
}
