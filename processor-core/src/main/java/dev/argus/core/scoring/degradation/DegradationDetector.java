package dev.argus.core.scoring.degradation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * Detects sustained degradation per service and model: over a sliding window of the most recent
 * evaluations (at most {@code windowSize}, none older than {@code windowDuration}), the share that
 * failed is the breach ratio. Once at least {@code minSamples} evaluations are in the window, the
 * ratio reaching {@code breachRatio} raises one event; falling below half of it (hysteresis, so a
 * ratio hovering at the threshold does not flap) raises a recovery event. Series are held in a
 * bounded, expiring Caffeine cache. Thread-safe; time comes from the injected ticker.
 */
public final class DegradationDetector {

  private final int windowSize;
  private final long windowNanos;
  private final int minSamples;
  private final double breachRatio;
  private final Ticker ticker;
  private final Cache<Key, Series> series;

  private record Key(String serviceName, String model) {}

  /**
   * Creates a detector.
   *
   * @param windowSize most evaluations kept per service and model (> 0)
   * @param windowDuration oldest evaluation kept (> 0)
   * @param minSamples evaluations needed before a ratio is judged (1..windowSize)
   * @param breachRatio ratio of failures that means degraded, in (0, 1]
   * @param maxSeries most service/model pairs tracked
   * @param ticker time source
   * @throws IllegalArgumentException naming the first invalid argument
   */
  public DegradationDetector(
      int windowSize,
      Duration windowDuration,
      int minSamples,
      double breachRatio,
      int maxSeries,
      Ticker ticker) {
    require(windowSize > 0, "scoring.degradation.window_size", windowSize, "> 0");
    require(
        windowDuration != null && !windowDuration.isNegative() && !windowDuration.isZero(),
        "scoring.degradation.window",
        windowDuration,
        "> 0s");
    require(
        minSamples > 0 && minSamples <= windowSize,
        "scoring.degradation.min_samples",
        minSamples,
        "1 <= value <= window_size");
    require(
        breachRatio > 0 && breachRatio <= 1,
        "scoring.degradation.breach_ratio",
        breachRatio,
        "0 < value <= 1");
    this.windowSize = windowSize;
    this.windowNanos = windowDuration.toNanos();
    this.minSamples = minSamples;
    this.breachRatio = breachRatio;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.series =
        Caffeine.newBuilder()
            // Maintenance on the calling thread: no pool threads, deterministic eviction.
            .executor(Runnable::run)
            .maximumSize(maxSeries)
            .expireAfterAccess(windowDuration.multipliedBy(2))
            .ticker(ticker)
            .build();
  }

  private static void require(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": " + value + " (expected: " + expected + ")");
    }
  }

  /**
   * Records one evaluation of {@code model} from {@code serviceName} and returns an event when the
   * degradation state of that pair changed.
   *
   * @param failed true when the evaluation's verdict was a failure
   */
  public Optional<DegradationEvent> record(String serviceName, String model, boolean failed) {
    Key key = new Key(serviceName == null ? "" : serviceName, model == null ? "" : model);
    Series s = series.get(key, k -> new Series());
    return s.add(key, ticker.read(), failed);
  }

  /** The recent outcomes of one service and model. */
  private final class Series {
    private final ArrayDeque<long[]> outcomes = new ArrayDeque<>();
    private int breaches;
    private boolean degraded;

    synchronized Optional<DegradationEvent> add(Key key, long now, boolean failed) {
      outcomes.addLast(new long[] {now, failed ? 1 : 0});
      breaches += failed ? 1 : 0;
      while (outcomes.size() > windowSize || now - outcomes.peekFirst()[0] > windowNanos) {
        breaches -= (int) outcomes.removeFirst()[1];
      }
      if (outcomes.size() < minSamples) {
        return Optional.empty();
      }
      double ratio = breaches / (double) outcomes.size();
      if (!degraded && ratio >= breachRatio) {
        degraded = true;
      } else if (degraded && ratio < breachRatio / 2) {
        degraded = false;
      } else {
        return Optional.empty();
      }
      return Optional.of(
          new DegradationEvent(
              key.serviceName(), key.model(), degraded, ratio, outcomes.size(), now));
    }
  }
}
