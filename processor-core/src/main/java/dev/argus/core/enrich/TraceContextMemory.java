package dev.argus.core.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.argus.semconv.model.RetrievedDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers the retrieved documents of each trace across export requests, so a model call exported
 * after the retrieval span of its trace is still judged against them. Bounded in bytes of document
 * text and forgotten {@code ttl} after the trace's last remembered document (Caffeine).
 * Thread-safe.
 */
public final class TraceContextMemory {
  /** The default bound on remembered document text: 16 MiB. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  /** The default time a trace's documents are remembered. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  // Per-entry overhead counted on top of the text, so many tiny documents are bounded too.
  private static final int OVERHEAD_BYTES = 64;

  /** A document with the start time of the span that retrieved it. */
  private record Remembered(RetrievedDocument document, long startTimeUnixNano) {}

  private final Cache<String, List<Remembered>> byTrace;

  /** Creates a memory of at most {@code maxBytes}; {@code ticker} drives expiry. */
  public TraceContextMemory(long maxBytes, Duration ttl, Ticker ticker) {
    this.byTrace =
        Caffeine.newBuilder()
            // Maintenance on the calling thread: no pool threads, deterministic eviction.
            .executor(Runnable::run)
            .maximumWeight(maxBytes)
            .weigher((String traceId, List<Remembered> documents) -> weight(documents))
            .expireAfterWrite(ttl)
            .ticker(ticker)
            .build();
  }

  /** Remembers {@code documents}, retrieved by a span of {@code traceId} that started then. */
  public void remember(String traceId, List<RetrievedDocument> documents, long startTimeUnixNano) {
    if (documents.isEmpty()) {
      return;
    }
    byTrace
        .asMap()
        .compute(
            traceId,
            (id, known) -> {
              List<Remembered> all = new ArrayList<>(known == null ? List.of() : known);
              for (RetrievedDocument document : documents) {
                Remembered entry = new Remembered(document, startTimeUnixNano);
                if (!all.contains(entry)) {
                  all.add(entry);
                }
              }
              return List.copyOf(all);
            });
  }

  /**
   * Returns the remembered documents of {@code traceId} whose retrieval started no later than
   * {@code endTimeUnixNano} (0: the call has not ended, so all), in the order they were seen.
   */
  public List<RetrievedDocument> documents(String traceId, long endTimeUnixNano) {
    List<Remembered> known = byTrace.getIfPresent(traceId);
    if (known == null) {
      return List.of();
    }
    long end = endTimeUnixNano == 0 ? Long.MAX_VALUE : endTimeUnixNano;
    List<RetrievedDocument> documents = new ArrayList<>(known.size());
    for (Remembered entry : known) {
      if (entry.startTimeUnixNano() <= end) {
        documents.add(entry.document());
      }
    }
    return documents;
  }

  private static int weight(List<Remembered> documents) {
    long bytes = 0;
    for (Remembered entry : documents) {
      String content = entry.document().content();
      // Two bytes a char: what the strings hold in memory at most.
      bytes += OVERHEAD_BYTES + 2L * (content == null ? 0 : content.length());
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }
}
