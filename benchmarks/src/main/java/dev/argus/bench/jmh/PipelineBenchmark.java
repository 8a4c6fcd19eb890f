package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Corpus;
import dev.argus.bench.otlp.ExportRequests;
import dev.argus.core.enrich.ProcessedTraces;
import dev.argus.core.enrich.SpanEnricher;
import dev.argus.core.enrich.TraceRequestProcessor;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.semconv.extract.GenAiExtractor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import java.util.Locale;
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
 * ARGUS's whole per-request logic without the network: {@link TraceRequestProcessor#process} of one
 * 100-span export request (find the gen-AI spans, extract, evaluate, enrich, rebuild the request),
 * then serialising the result as the exporter does. Divide by 100 for the cost per span; compare
 * with {@code OtlpCodecBenchmark} for what a bare proxy pays anyway.
 *
 * <p>Workload ({@code mix}): the three workloads of the load test, {@code PLAIN} (ten 50-byte
 * attributes per span), {@code GENAI} (corpus chat spans in current semconv form, default scoring
 * with evaluation events) and {@code MIXED} (half of each). 16 distinct requests in rotation. One
 * operation = one request.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark} after {@code mvn -B
 * -DskipTests package -pl benchmarks -am}. Figures are a gauge for comparing changes on one
 * machine, not absolute truths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
  private static final int REQUESTS = 16;
  private static final int SPANS = 100;

  /** What the spans of each request are. */
  @Param({"PLAIN", "GENAI", "MIXED"})
  public ExportRequests.Mix mix;

  private TraceRequestProcessor processor;
  private List<ExportTraceServiceRequest> requests;
  private int next;

  /** Builds the processor as the server does, and the requests. */
  @Setup
  public void setUp() {
    processor =
        new TraceRequestProcessor(
            GenAiExtractor.standard(),
            new GenAiEvaluator(ScoringConfig.defaults()),
            SpanEnricher.withEvaluationEvents());
    Corpus corpus = Corpus.load(REQUESTS * SPANS, Corpus.DEFAULT_SEED);
    requests = ExportRequests.build(mix, corpus, REQUESTS, SPANS);
    if (mix != ExportRequests.Mix.PLAIN
        && processor.process(requests.get(0)).evaluatedSpans().isEmpty()) {
      throw new IllegalStateException(
          "no span evaluated in the "
              + mix.name().toLowerCase(Locale.ROOT)
              + " workload: the benchmark would measure nothing");
    }
  }

  /** Processes the next request and serialises the result. */
  @Benchmark
  public byte[] processAndSerialise() {
    ExportTraceServiceRequest request = requests.get(next);
    next = (next + 1) % REQUESTS;
    ProcessedTraces processed = processor.process(request);
    return processed.enrichedRequest().toByteArray();
  }
}
