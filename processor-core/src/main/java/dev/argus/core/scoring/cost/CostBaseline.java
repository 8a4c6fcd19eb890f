package dev.argus.core.scoring.cost;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Typical token use per model, learned from recent traffic as an exponentially weighted mean of
 * tokens per call (weight {@value #ALPHA} for the newest call). Models are kept in a bounded,
 * expiring Caffeine cache. Thread-safe.
 */
public final class CostBaseline {

  static final double ALPHA = 0.05;

  private final Cache<String, Stats> models;

  /** Running statistics of one model. */
  static final class Stats {
    private double meanTokens;
    private double meanCost;
    private long samples;

    synchronized Snapshot update(double tokens, Double cost) {
      Snapshot before = new Snapshot(meanTokens, samples == 0 ? null : meanCost, samples);
      if (samples == 0) {
        meanTokens = tokens;
        meanCost = cost == null ? 0 : cost;
      } else {
        meanTokens += ALPHA * (tokens - meanTokens);
        if (cost != null) {
          meanCost += ALPHA * (cost - meanCost);
        }
      }
      samples++;
      return before;
    }
  }

  /**
   * The baseline as it was before the current call.
   *
   * @param meanTokens mean tokens per call
   * @param meanCost mean cost per call in US dollars, or null when unknown
   * @param samples number of calls seen
   */
  public record Snapshot(double meanTokens, Double meanCost, long samples) {}

  /** Creates a baseline for at most {@code maxModels} models, forgotten after {@code ttl}. */
  public CostBaseline(int maxModels, Duration ttl, Ticker ticker) {
    this.models =
        Caffeine.newBuilder()
            // Maintenance on the calling thread: no pool threads, deterministic eviction.
            .executor(Runnable::run)
            .maximumSize(maxModels)
            .expireAfterAccess(ttl)
            .ticker(ticker)
            .build();
  }

  /** Adds one call of {@code model} and returns the baseline as it was before it. */
  public Snapshot record(String model, double tokens, Double costUsd) {
    return models.get(model == null ? "" : model, m -> new Stats()).update(tokens, costUsd);
  }
}
