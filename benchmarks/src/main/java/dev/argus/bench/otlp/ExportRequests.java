package dev.argus.bench.otlp;

import dev.argus.bench.corpus.Corpus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/** Builds OTLP trace export requests of the benchmark workloads. */
public final class ExportRequests {
  private ExportRequests() {}

  /** What the spans of a request are. */
  public enum Mix {
    /** Only plain spans (ten attributes of 50 bytes). */
    PLAIN,
    /** Only gen-AI chat spans built from the corpus. */
    GENAI,
    /** Alternating plain and gen-AI spans, half of each. */
    MIXED
  }

  /**
   * Returns {@code count} distinct requests of {@code spansPerRequest} spans each; gen-AI spans
   * cycle through {@code corpus} in order.
   */
  public static List<ExportTraceServiceRequest> build(
      Mix mix, Corpus corpus, int count, int spansPerRequest) {
    List<ExportTraceServiceRequest> requests = new ArrayList<>(count);
    long n = 0;
    int row = 0;
    for (int r = 0; r < count; r++) {
      List<Span> spans = new ArrayList<>(spansPerRequest);
      for (int i = 0; i < spansPerRequest; i++, n++) {
        boolean genAi = mix == Mix.GENAI || (mix == Mix.MIXED && i % 2 == 1);
        spans.add(genAi ? GenAiSpans.chat(corpus.row(row++), n) : PlainSpans.server(n));
      }
      requests.add(of("bench-" + mix.name().toLowerCase(Locale.ROOT), spans));
    }
    return requests;
  }

  /** Returns one request of {@code spansPerRequest} spans made by {@code spanFactory}. */
  public static ExportTraceServiceRequest of(int spansPerRequest, LongFunction<Span> spanFactory) {
    List<Span> spans = new ArrayList<>(spansPerRequest);
    for (int i = 0; i < spansPerRequest; i++) {
      spans.add(spanFactory.apply(i));
    }
    return of("bench-app", spans);
  }

  /** Returns a request holding {@code spans} under one resource and scope. */
  public static ExportTraceServiceRequest of(String serviceName, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(Attributes.string("service.name", serviceName))
                        .addAttributes(Attributes.string("telemetry.sdk.language", "java")))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("dev.argus.bench"))
                        .addAllSpans(spans)))
        .build();
  }
}
