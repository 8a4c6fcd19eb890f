package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A span read by {@link GenAiExtractor#awaitsLogContent} is not parsed again by the request
 * methods, and reusing that reading never changes what they return.
 */
class RecentReadingsTest {

  @ParameterizedTest
  @MethodSource("traceFixtures")
  void extract_afterAwaitsOnEverySpan_isWhatAFreshExtractorReturns(String fixture) {
    ExportTraceServiceRequest request = load(fixture);
    List<ExtractedCall> fresh = GenAiExtractor.standard().extract(request);
    GenAiExtractor memoised = GenAiExtractor.standard();
    for (Span span : OtlpFixtures.spans(request)) {
      memoised.awaitsLogContent(span);
    }

    List<ExtractedCall> reused = memoised.extract(request);

    assertEquals(fresh, reused, fixture);
  }

  @Test
  void extract_withJoinedRecords_readsTheSpanAgainWithThem() {
    String root = "fixtures/captured/otel/rag_grounded";
    ExportTraceServiceRequest request = OtlpFixtures.traces(root + ".pb");
    List<LogRecord> records = OtlpFixtures.records(OtlpFixtures.logs(root + ".logs.pb"));
    LogJoin logs = LogJoin.of(records);
    List<ExtractedCall> fresh = GenAiExtractor.standard().extract(request, logs);
    GenAiExtractor memoised = GenAiExtractor.standard();
    boolean awaited = false;
    for (Span span : OtlpFixtures.spans(request)) {
      awaited |= memoised.awaitsLogContent(span);
    }

    List<ExtractedCall> joined = memoised.extract(request, logs);

    // The span waited for its records; read with them, it has content the bare span lacks.
    assertEquals(true, awaited);
    assertEquals(fresh, joined);
    assertFalse(joined.isEmpty());
  }

  @Test
  void take_sameInstance_returnsTheReadingOnce() {
    RecentReadings memo = new RecentReadings(8);
    Span span = Span.newBuilder().setName("chat").build();
    RecentReadings.Reading reading =
        new RecentReadings.Reading(span, SpanView.of(span), null, null);

    memo.put(reading);

    assertSame(reading, memo.take(span));
    assertNull(memo.take(span));
  }

  @Test
  void peek_sameInstance_keepsTheReading() {
    RecentReadings memo = new RecentReadings(8);
    Span span = Span.newBuilder().setName("GET /").build();
    RecentReadings.Reading reading =
        new RecentReadings.Reading(span, SpanView.of(span), null, null);

    memo.put(reading);

    assertSame(reading, memo.peek(span));
    assertSame(reading, memo.take(span));
    assertNull(memo.peek(span));
  }

  @Test
  void take_equalButOtherInstance_findsNothing() {
    RecentReadings memo = new RecentReadings(8);
    Span span = Span.newBuilder().setName("chat").build();
    Span copy = Span.newBuilder().setName("chat").build();
    assertEquals(span, copy);
    assertNotSame(span, copy);

    memo.put(new RecentReadings.Reading(span, SpanView.of(span), null, null));

    assertNull(memo.take(copy));
    assertNotNull(memo.take(span));
  }

  @Test
  void put_collidingSpan_replacesTheOlderReading() {
    RecentReadings memo = new RecentReadings(1);
    Span first = Span.newBuilder().setName("first").build();
    Span second = Span.newBuilder().setName("second").build();

    memo.put(new RecentReadings.Reading(first, SpanView.of(first), null, null));
    memo.put(new RecentReadings.Reading(second, SpanView.of(second), null, null));

    assertNull(memo.take(first));
    assertNotNull(memo.take(second));
  }

  static Stream<String> traceFixtures() {
    return Stream.of("fixtures/genai-spans", "fixtures/captured", "fixtures/edge-cases")
        .flatMap(RecentReadingsTest::traceFiles);
  }

  private static Stream<String> traceFiles(String directory) {
    try {
      Path root = Path.of(RecentReadingsTest.class.getClassLoader().getResource(directory).toURI());
      Path base = root.getParent().getParent();
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .map(path -> base.relativize(path).toString().replace('\\', '/'))
            .filter(
                name ->
                    name.endsWith(".pb") && !name.endsWith(".logs.pb")
                        || name.endsWith(".json")
                            && !name.endsWith(".expected.json")
                            && !name.endsWith(".logs.json")
                            && !name.endsWith("manifest.json")
                            && !name.contains("/captured/"))
            .sorted()
            .toList()
            .stream();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ExportTraceServiceRequest load(String fixture) {
    return OtlpFixtures.traces(fixture);
  }
}
