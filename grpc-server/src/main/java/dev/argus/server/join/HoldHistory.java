package dev.argus.server.join;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Remembers, per instrumentation scope, whether holding its spans pays off. A producer whose
 * content capture is switched off sends gen-AI spans without content and no log records; holding
 * each of its spans would only delay them. After {@link #MISSES_BEFORE_PAUSE} held spans of one
 * scope in a row were released by the window without a single record, that scope's spans are not
 * held for {@link #PAUSE}; then one is held again to find out whether records come now.
 * Thread-safe.
 */
final class HoldHistory {
  /** Held spans in a row released without records before holding pauses. */
  static final int MISSES_BEFORE_PAUSE = 16;

  /** How long holding pauses for a scope. */
  static final Duration PAUSE = Duration.ofMinutes(5);

  private static final int MAX_SCOPES = 10_000;

  private final Cache<String, State> byScope =
      Caffeine.newBuilder().maximumSize(MAX_SCOPES).executor(Runnable::run).build();
  private final LongSupplier nanoClock;

  HoldHistory(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Returns true unless holding is paused for {@code scope}. */
  boolean shouldHold(String scope) {
    State state = byScope.getIfPresent(scope);
    return state == null || !state.paused || nanoClock.getAsLong() - state.pausedUntilNanos >= 0;
  }

  /** Records that a held span of {@code scope} got records. */
  void joined(String scope) {
    byScope.invalidate(scope);
  }

  /** Records that a held span of {@code scope} waited out the window without any record. */
  void missed(String scope) {
    byScope
        .asMap()
        .compute(
            scope,
            (key, state) -> {
              // A miss after a pause ended (the probe) pauses again at once.
              int misses =
                  state == null ? 1 : state.paused ? MISSES_BEFORE_PAUSE : state.misses + 1;
              if (misses < MISSES_BEFORE_PAUSE) {
                return new State(misses, false, 0);
              }
              return new State(0, true, nanoClock.getAsLong() + PAUSE.toNanos());
            });
  }

  /** Misses in a row, or a pause and when it ends. */
  private record State(int misses, boolean paused, long pausedUntilNanos) {}
}
