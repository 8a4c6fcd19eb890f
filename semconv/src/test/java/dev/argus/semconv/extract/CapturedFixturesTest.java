package dev.argus.semconv.extract;

import static dev.argus.semconv.testing.CapturedTruth.lastUserText;
import static dev.argus.semconv.testing.CapturedTruth.textOrEmpty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.semconv.GenAiNormalizer;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture of a real instrumentation library yields the prompt, context, completion, models
 * and tokens that {@code manifest.json} records as the truth.
 */
class CapturedFixturesTest {
  private static final String ROOT = "fixtures/captured/";

  private final GenAiExtractor extractor = GenAiExtractor.standard();

  /** Trace files (JSON and protobuf) of the successful chat and agent scenarios. */
  static Stream<JsonNode> captures() {
    List<JsonNode> files = new ArrayList<>();
    for (JsonNode file : OtlpFixtures.json(ROOT + "manifest.json").get("files")) {
      String scenario = file.get("scenario").asText();
      if (file.get("signal").asText().equals("traces")
          && !scenario.equals("embeddings")
          && !scenario.equals("api_error")) {
        files.add(file);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void capture_yieldsManifestTruth(JsonNode file) {
    ExportTraceServiceRequest request = traces(file);
    LogJoin logs = logs(file);

    List<GenAiCall> llmCalls = llmCallsInStartOrder(request, logs);

    assertTruth(file, llmCalls);
  }

  static ExportTraceServiceRequest traces(JsonNode file) {
    String path = ROOT + file.get("path").asText();
    return OtlpFixtures.traces(path);
  }

  static LogJoin logs(JsonNode file) {
    JsonNode companion = file.get("companion_logs");
    if (companion == null || companion.isNull()) {
      return LogJoin.empty();
    }
    String path = ROOT + companion.asText();
    return LogJoin.of(OtlpFixtures.logs(path));
  }

  private List<GenAiCall> llmCallsInStartOrder(ExportTraceServiceRequest request, LogJoin logs) {
    List<GenAiSpan> spans = new ArrayList<>();
    for (GenAiTrace trace : extractor.traces(request, logs)) {
      for (GenAiSpan span : trace.spans()) {
        if (span.role() == SpanRole.LLM_CALL) {
          spans.add(span);
        }
      }
    }
    spans.sort(Comparator.comparingLong(GenAiSpan::startTimeUnixNano));
    List<GenAiCall> calls = new ArrayList<>();
    spans.forEach(span -> calls.add(span.call()));
    return calls;
  }

  static void assertTruth(JsonNode file, List<GenAiCall> llmCalls) {
    JsonNode truth = file.get("truth");
    String scenario = file.get("scenario").asText();
    assertEquals(truth.get("llm_calls").asInt(), llmCalls.size(), "LLM calls of " + scenario);
    GenAiCall call = llmCalls.get(truth.get("final_call_step").asInt());

    assertEquals(ContentStatus.CAPTURED, call.contentStatus());
    assertEquals(lastUserText(truth.get("prompt")), call.prompt());
    assertEquals(truth.get("completion").asText(), call.completion());
    assertEquals(textOrEmpty(truth.get("context")), call.contextText());
    assertEquals(truth.get("request_model").asText(), call.requestModel());
    assertEquals(
        streamedWithoutResponse(file) ? null : truth.get("response_model").asText(),
        call.responseModel());
    assertEquals(
        List.of(GenAiNormalizer.finishReason(truth.get("finish_reason").asText())),
        call.finishReasons());
    assertFalse(call.provider() == null, "provider");
    if (tokensReported(file)) {
      for (int i = 0; i < llmCalls.size(); i++) {
        JsonNode tokens = truth.get("tokens_per_call").get(i);
        assertEquals(tokens.get("input").asLong(), llmCalls.get(i).usage().inputTokens());
        assertEquals(tokens.get("output").asLong(), llmCalls.get(i).usage().outputTokens());
        assertEquals(tokens.get("total").asLong(), llmCalls.get(i).usage().totalTokens());
      }
    } else {
      assertNull(call.usage().totalTokens(), "library reports no tokens for " + scenario);
    }
  }

  // OpenInference records only the requested model of a streamed call.
  private static boolean streamedWithoutResponse(JsonNode file) {
    return file.get("instrumentation").get("key").asText().equals("openinference")
        && file.get("scenario").asText().startsWith("stream_");
  }

  // OpenLLMetry and OpenInference report no token counts for streamed calls (README "Known gaps").
  private static boolean tokensReported(JsonNode file) {
    String library = file.get("instrumentation").get("key").asText();
    boolean streamed = file.get("scenario").asText().startsWith("stream_");
    return library.equals("otel") || !streamed;
  }
}
