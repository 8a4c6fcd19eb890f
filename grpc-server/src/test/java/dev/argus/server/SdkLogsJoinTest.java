package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.enrich.EvaluatedSpan;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Verdict;
import dev.argus.server.testing.RunningArgus;
import dev.argus.server.testing.Spans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application instrumented the way the official OpenTelemetry gen-AI instrumentation works — a
 * content-less chat span plus {@code gen_ai.user.message} and {@code gen_ai.choice} log records
 * carrying the span's context — exports with the OpenTelemetry Java SDK's own OTLP exporters, over
 * gRPC or HTTP, to a running ARGUS. The call comes out evaluated with its prompt and completion.
 */
class SdkLogsJoinTest {
  private RunningArgus argus;
  private SdkTracerProvider tracers;
  private SdkLoggerProvider loggers;

  @AfterEach
  void stop() throws Exception {
    if (tracers != null) {
      tracers.shutdown().join(10, TimeUnit.SECONDS);
      loggers.shutdown().join(10, TimeUnit.SECONDS);
    }
    argus.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void sdkSpanAndEventRecords_areJoinedAndEvaluated(String protocol) throws Exception {
    argus = RunningArgus.start("", input -> Evaluation.notEvaluated("default", "not under test"));
    startSdk(protocol);
    Tracer tracer = tracers.get("openai-instrumentation");
    Logger logger = loggers.get("openai-instrumentation");

    io.opentelemetry.api.trace.Span chat =
        tracer
            .spanBuilder("chat gpt-4o-mini")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.system", "openai")
            .setAttribute("gen_ai.request.model", "gpt-4o-mini")
            .startSpan();
    Context inCall = Context.root().with(chat);
    // Each span and record is its own export, sent concurrently: they reach ARGUS in any order.
    chat.end();
    emit(logger, inCall, "gen_ai.user.message", Map.of("content", "How long are snapshots kept?"));
    emit(logger, inCall, "gen_ai.choice", Map.of("content", "For 35 days."));

    String spanId = chat.getSpanContext().getSpanId();
    EvaluatedSpan evaluated = argus.takeEvaluated(spanId);
    assertEquals("How long are snapshots kept?", evaluated.call().prompt());
    assertEquals("For 35 days.", evaluated.call().completion());
    assertEquals(Verdict.NOT_EVALUATED, evaluated.evaluation().verdict());
    assertTrue(
        Spans.all(argus.downstream.take()).stream()
            .anyMatch(s -> Spans.hex(s.getSpanId()).equals(spanId)));
    assertEquals(2, argus.server.joiner().joinedRecordCount());
  }

  private void startSdk(String protocol) {
    SpanExporter spans;
    LogRecordExporter logs;
    if (protocol.equals("grpc")) {
      String endpoint = "http://127.0.0.1:" + argus.server.port();
      spans = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build();
      logs = OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).build();
    } else {
      String endpoint = "http://127.0.0.1:" + argus.server.httpPort();
      spans = OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build();
      logs = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint + "/v1/logs").build();
    }
    tracers =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    loggers =
        SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
            .build();
  }

  private static void emit(Logger logger, Context context, String event, Map<String, String> body) {
    Map<String, Value<?>> fields = new LinkedHashMap<>();
    body.forEach((key, value) -> fields.put(key, Value.of(value)));
    logger
        .logRecordBuilder()
        .setContext(context)
        .setAllAttributes(Attributes.of(AttributeKey.stringKey("event.name"), event))
        .setBody(Value.of(fields))
        .emit();
  }
}
