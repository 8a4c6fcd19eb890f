package dev.argus.core.scoring.variance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Recent answers per (model, normalised prompt), as compact fingerprints, in a bounded expiring
 * Caffeine cache: at most {@code maxPrompts} prompts, {@code answersPerPrompt} answers each.
 * Thread-safe.
 */
public final class AnswerHistory {

  private final Cache<Key, Deque<Run>> answers;
  private final int answersPerPrompt;

  /** The cache key: the model and a 64-bit hash of the normalised prompt. */
  record Key(String model, long promptHash) {}

  /** One recorded answer and the trace it came from (null when unknown). */
  private record Run(String traceId, Fingerprint answer) {}

  /** Creates a history; {@code ticker} drives expiry (use {@link Ticker#systemTicker()}). */
  public AnswerHistory(int maxPrompts, int answersPerPrompt, Duration ttl, Ticker ticker) {
    this.answers =
        Caffeine.newBuilder()
            // Maintenance on the calling thread: no pool threads, deterministic eviction.
            .executor(Runnable::run)
            .maximumSize(maxPrompts)
            .expireAfterWrite(ttl)
            .ticker(ticker)
            .build();
    this.answersPerPrompt = answersPerPrompt;
  }

  /**
   * Records {@code answer} of trace {@code traceId} (null when unknown) for {@code key} and returns
   * the answers recorded before it from other traces (oldest first), at most {@code
   * answersPerPrompt - 1}. Answers of the same trace are steps of one interaction, not repeated
   * runs, so they are never compared with each other.
   */
  List<Fingerprint> record(Key key, String traceId, Fingerprint answer) {
    Deque<Run> deque = answers.asMap().computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (deque) {
      List<Fingerprint> previous = new ArrayList<>(deque.size());
      for (Run run : deque) {
        if (traceId == null || !traceId.equals(run.traceId())) {
          previous.add(run.answer());
        }
      }
      deque.addLast(new Run(traceId, answer));
      while (deque.size() > answersPerPrompt) {
        deque.removeFirst();
      }
      return previous;
    }
  }
}
