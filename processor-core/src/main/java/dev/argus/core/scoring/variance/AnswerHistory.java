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

  private final Cache<Key, Deque<Fingerprint>> answers;
  private final int answersPerPrompt;

  /** The cache key: the model and a 64-bit hash of the normalised prompt. */
  record Key(String model, long promptHash) {}

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
   * Records {@code answer} for {@code key} and returns the answers recorded before it (oldest
   * first), at most {@code answersPerPrompt - 1}.
   */
  List<Fingerprint> record(Key key, Fingerprint answer) {
    Deque<Fingerprint> deque = answers.asMap().computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (deque) {
      List<Fingerprint> previous = new ArrayList<>(deque);
      deque.addLast(answer);
      while (deque.size() > answersPerPrompt) {
        deque.removeFirst();
      }
      return previous;
    }
  }
}
