package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Corpus;
import dev.argus.bench.corpus.Interaction;
import dev.argus.bench.otlp.ExportRequests;
import dev.argus.bench.otlp.GenAiSpans;
import dev.argus.bench.otlp.PlainSpans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
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
 * Parse and re-serialise one OTLP {@code ExportTraceServiceRequest} of 100 spans: the work every
 * proxy in the pipeline does at least once per request, and so the floor under ARGUS's own cost.
 *
 * <p>Workloads ({@code workload}): {@code plain} = 100 spans of ten 50-byte attributes; {@code
 * genai-corpus} = 100 gen-AI chat spans from the corpus in current semconv form (messages as JSON
 * strings, context in the system instructions); {@code genai-1024} … {@code genai-65536} = the same
 * with every completion exactly that many characters (for the linearity figure).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OtlpCodecBenchmark} after {@code mvn -B
 * -DskipTests package -pl benchmarks -am}. Figures are a gauge for comparing changes on one
 * machine, not absolute truths: the machine is shared and noisy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OtlpCodecBenchmark {
  private static final int SPANS = 100;

  /** Span content, see the class javadoc. */
  @Param({"plain", "genai-corpus", "genai-1024", "genai-4096", "genai-16384", "genai-65536"})
  public String workload;

  private byte[] encoded;
  private ExportTraceServiceRequest decoded;

  /** Builds and encodes the request once. */
  @Setup
  public void setUp() throws Exception {
    ExportTraceServiceRequest request;
    if (workload.equals("plain")) {
      request = ExportRequests.of(SPANS, PlainSpans::server);
    } else {
      Corpus corpus = BenchmarkInputs.corpus();
      String size = workload.substring("genai-".length());
      Interaction[] rows = BenchmarkInputs.rows(corpus, size, SPANS);
      request = ExportRequests.of(SPANS, n -> GenAiSpans.chat(rows[(int) n], n));
    }
    encoded = request.toByteArray();
    decoded = ExportTraceServiceRequest.parseFrom(encoded);
  }

  /** Parses the wire bytes into the message, as a gRPC receiver does. */
  @Benchmark
  public ExportTraceServiceRequest parse() throws Exception {
    return ExportTraceServiceRequest.parseFrom(encoded);
  }

  /** Serialises the parsed message, as an exporter does before sending. */
  @Benchmark
  public byte[] serialise() {
    return decoded.toByteArray();
  }

  /** Parse then re-serialise: the whole per-request cost of a bare pass-through proxy. */
  @Benchmark
  public byte[] parseAndSerialise() throws Exception {
    return ExportTraceServiceRequest.parseFrom(encoded).toByteArray();
  }
}
