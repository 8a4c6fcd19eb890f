package dev.argus.server.webhook;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.correction.CorrectionPlan;
import dev.argus.core.correction.CorrectionPlanner;
import dev.argus.core.correction.PiiMasker;
import dev.argus.core.correction.ScannerPiiMasker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Entry point of the correction webhooks from the span path. {@link #offer} decides synchronously
 * whether a span gets an event and returns its id (for {@code argus.correction.id}); planning,
 * encoding and delivery run on background threads, so the span path never waits for a subscriber.
 *
 * <p>Threads: one dispatch thread with a bounded queue, and one delivery thread per subscriber.
 * Thread-safe.
 */
public final class CorrectionDispatcher implements AutoCloseable {

  private static final Logger logger = Logger.getLogger(CorrectionDispatcher.class.getName());
  // About 270 bytes each: the dedupe memory stays near 27 MiB however many spans fail.
  private static final long MAX_REMEMBERED_SPANS = 100_000;

  /**
   * Heap the calls waiting for the dispatch thread may hold; each carries the whole call text, so a
   * count bound alone would let long completions take hundreds of MiB when scoring outpaces event
   * writing.
   */
  static final long MAX_QUEUED_BYTES = 32L << 20;

  private final CorrectionConfig config;
  private final Clock clock;
  private final RandomGenerator random;
  private final CorrectionPlanner planner;
  private final CorrectionEventEncoder encoder;
  private final Cache<String, String> recentSpans;
  private final ThreadPoolExecutor dispatch;
  private final ExecutorService deliveryThreads;
  private final List<SubscriberWorker> workers = new ArrayList<>();
  private final LocalEventFile localFile;
  private final DeadLetterFile deadLetters;
  private final WebhookStats stats = new WebhookStats();
  // Events being planned plus deliveries queued or in flight; zero means idle.
  private final AtomicInteger pending = new AtomicInteger();
  // Estimated heap held by the calls waiting for the dispatch thread (see CallWeight).
  private final AtomicLong queuedBytes = new AtomicLong();

  /** Creates a dispatcher with the system clock and a real HTTP client, and starts its threads. */
  public CorrectionDispatcher(CorrectionConfig config) {
    this(
        config,
        Clock.systemUTC(),
        Sleeper.SYSTEM,
        RandomGenerator.getDefault(),
        WebhookSender.newClient(config.timeout()),
        ScannerPiiMasker.withDefaults());
  }

  CorrectionDispatcher(
      CorrectionConfig config,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      HttpClient client,
      PiiMasker masker) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = clock;
    this.random = random;
    this.planner = new CorrectionPlanner(config.templates(), masker);
    ObjectMapper mapper = newMapper();
    this.encoder = new CorrectionEventEncoder(mapper, masker);
    this.recentSpans =
        Caffeine.newBuilder()
            .expireAfterWrite(config.dedupeWindow())
            .maximumSize(MAX_REMEMBERED_SPANS)
            // Evict on the offering thread: the shared pool would park request threads on the
            // cache's lock and add a task per span.
            .executor(Runnable::run)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .build();
    this.dispatch =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.queueSize()),
            daemon("argus-correction-dispatch"));
    if (config.enabled()) {
      // The file that takes the events must be usable before any span gets an event id.
      if (config.subscribers().isEmpty()) {
        LocalEventFile.checkWritable(config.localFile(), "correction.local_file");
      } else {
        LocalEventFile.checkWritable(
            config.deadLetterFile(), "correction.webhooks.dead_letter_file");
      }
    }
    this.localFile = LocalEventFile.of(config, stats.localRotations);
    this.deadLetters = new DeadLetterFile(config.deadLetterFile(), mapper);
    WebhookSender sender = new WebhookSender(client, config.timeout(), clock);
    for (SubscriberConfig subscriber : config.subscribers()) {
      workers.add(
          new SubscriberWorker(
              subscriber,
              config.queueSize(),
              sender,
              new Backoff(config.retry(), random),
              new CircuitBreaker(config.breaker(), clock),
              config.retry().maxElapsedTime(),
              deadLetters,
              clock,
              sleeper,
              stats,
              pending));
    }
    this.deliveryThreads =
        Executors.newFixedThreadPool(Math.max(1, workers.size()), daemon("argus-webhook"));
    workers.forEach(deliveryThreads::execute);
  }

  /**
   * Returns the JSON mapper used for bodies and the dead-letter file. Characters outside the BMP
   * (emoji) are written as plain UTF-8 rather than escaped surrogate pairs, so a body is the
   * compact UTF-8 form receivers expect; either way the signature covers the bytes sent.
   */
  static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /**
   * Offers an evaluated span. Returns the id of the event the span gets (a new one, or the one
   * already sent for the same trace id and span id within the dedupe window), or empty when it gets
   * none: the call did not fail, corrections are disabled, the span's ids are not valid W3C ids
   * (counted in {@link WebhookStats#invalidIds()}), or the dispatch queue is full (10,000 events or
   * {@link #MAX_QUEUED_BYTES} of call text; counted in {@link WebhookStats#dropped()}). Never
   * blocks and never throws for a valid candidate.
   */
  public Optional<String> offer(CorrectionCandidate candidate) {
    Objects.requireNonNull(candidate, "candidate");
    if (!config.enabled()) {
      return Optional.empty();
    }
    Optional<CorrectionEventType> decided =
        config.policy().decide(candidate.evaluation(), candidate.attempt());
    if (decided.isEmpty()) {
      return Optional.empty();
    }
    // Receivers refuse such spans, but other callers may not have: an event must name its span.
    if (!validId(candidate.traceId(), 32) || !validId(candidate.spanId(), 16)) {
      stats.invalidIds.increment();
      return Optional.empty();
    }
    String key = dedupeKey(candidate);
    String earlier = recentSpans.getIfPresent(key);
    if (earlier == null) {
      String eventId = eventId(candidate, decided.get());
      // Two threads may offer the same re-sent span at once; the first one wins.
      earlier = recentSpans.asMap().putIfAbsent(key, eventId);
      if (earlier == null) {
        return schedule(candidate, decided.get(), eventId, key);
      }
    }
    stats.deduplicated.increment();
    return Optional.of(earlier);
  }

  private Optional<String> schedule(
      CorrectionCandidate candidate, CorrectionEventType type, String eventId, String key) {
    // Milliseconds are plenty for an event time and keep created_at short.
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long weight = CallWeight.bytes(candidate.call());
    // One call is always taken, so an event is never refused for its size alone.
    long queued = queuedBytes.addAndGet(weight);
    if (queued > MAX_QUEUED_BYTES && queued != weight) {
      return refuse(key, weight);
    }
    pending.incrementAndGet();
    try {
      dispatch.execute(
          () -> {
            try {
              dispatch(candidate, type, eventId, createdAt);
            } finally {
              queuedBytes.addAndGet(-weight);
            }
          });
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      return refuse(key, weight);
    }
    return Optional.of(eventId);
  }

  private Optional<String> refuse(String key, long weight) {
    queuedBytes.addAndGet(-weight);
    stats.dropped.increment();
    recentSpans.invalidate(key);
    return Optional.empty();
  }

  /** Returns the counters. */
  public WebhookStats stats() {
    return stats;
  }

  /**
   * Waits up to {@code timeout} until every offered event has been delivered, dead-lettered or
   * written; returns true when that happened.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (pending.get() == 0) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  /**
   * Stops: waits up to 5 seconds for pending deliveries, then moves whatever is left to the
   * dead-letter file so an operator can replay it.
   */
  @Override
  public void close() {
    dispatch.shutdown();
    try {
      dispatch.awaitTermination(5, TimeUnit.SECONDS);
      awaitIdle(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deliveryThreads.shutdownNow();
    try {
      deliveryThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.forEach(SubscriberWorker::drainToDeadLetters);
  }

  private void dispatch(
      CorrectionCandidate candidate, CorrectionEventType type, String eventId, Instant createdAt) {
    try {
      CorrectionPlan plan = planner.plan(candidate.evaluation(), candidate.call()).orElseThrow();
      CorrectionEvent event =
          new CorrectionEvent(
              type, eventId, createdAt, candidate, plan, config.policy().maxAttempts());
      stats.events.increment();
      if (type == CorrectionEventType.CORRECTION_EXHAUSTED) {
        stats.exhausted.increment();
      }
      route(event);
    } catch (IOException | RuntimeException e) {
      logger.log(Level.WARNING, "cannot emit correction event id=" + eventId, e);
    } finally {
      pending.decrementAndGet();
    }
  }

  private void route(CorrectionEvent event) throws IOException {
    if (workers.isEmpty()) {
      writeLocally(event, encoder.encode(event, false));
      return;
    }
    byte[] plain = null;
    byte[] withContent = null;
    for (SubscriberWorker worker : workers) {
      SubscriberConfig subscriber = worker.subscriber();
      if (!subscriber.filter().accepts(event)) {
        continue;
      }
      byte[] body;
      if (subscriber.includeContent()) {
        body = withContent != null ? withContent : (withContent = encoder.encode(event, true));
      } else {
        body = plain != null ? plain : (plain = encoder.encode(event, false));
      }
      worker.enqueue(new Delivery(event.eventId(), event.type().key(), event.createdAt(), body, 0));
    }
  }

  /**
   * Appends an event to the local file. The span already carries the event's id, so an event the
   * file cannot take (it was removed or made read-only after start) is not dropped: it goes to the
   * dead-letter file, and {@code replay-dead-letters} appends it to the local file later.
   */
  private void writeLocally(CorrectionEvent event, byte[] body) throws IOException {
    try {
      localFile.append(body);
      stats.localWritten.increment();
    } catch (IOException e) {
      deadLetters.append(
          new DeadLetter(
              LocalEventFile.DEAD_LETTER_SUBSCRIBER,
              event.eventId(),
              event.type().key(),
              event.createdAt().toString(),
              clock.instant().toString(),
              1,
              0,
              "local_file_unwritable",
              e.toString(),
              new String(body, StandardCharsets.UTF_8)));
      stats.deadLettered.increment();
    }
  }

  private static String dedupeKey(CorrectionCandidate candidate) {
    return candidate.traceId() + '/' + candidate.spanId();
  }

  /** Returns true for {@code hexDigits} lowercase hex digits, not all zeros. */
  static boolean validId(String id, int hexDigits) {
    if (id.length() != hexDigits) {
      return false;
    }
    boolean nonZero = false;
    for (int i = 0; i < hexDigits; i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  // Derived from the span, so an event that ARGUS re-creates after a restart keeps its id and the
  // subscriber's own deduplication by webhook-id still works.
  private String eventId(CorrectionCandidate candidate, CorrectionEventType type) {
    if (dedupeKey(candidate) == null) {
      return "evt_" + HexFormat.of().formatHex(longBytes(random.nextLong(), random.nextLong()));
    }
    String source =
        candidate.traceId()
            + '/'
            + candidate.spanId()
            + '/'
            + candidate.attempt()
            + '/'
            + type.key();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      return "evt_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static byte[] longBytes(long high, long low) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (high >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return bytes;
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
