package dev.argus.bench.load;

import java.util.Arrays;

/**
 * What one load run achieved, seen from the client.
 *
 * @param requests requests answered OK
 * @param spans spans in the requests answered OK
 * @param errors requests that failed (any non-OK status)
 * @param elapsedNanos measured time
 * @param latenciesNanos export latency of every OK request, sorted ascending
 */
record LoadResult(
    long requests, long spans, long errors, long elapsedNanos, long[] latenciesNanos) {

  /** Returns acknowledged spans per second. */
  double spansPerSecond() {
    return elapsedNanos == 0 ? 0 : spans * 1e9 / elapsedNanos;
  }

  /** Returns the latency at {@code quantile} (0..1) in milliseconds, NaN with no samples. */
  double latencyMillis(double quantile) {
    if (latenciesNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(quantile * latenciesNanos.length) - 1;
    return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
  }

  /** Returns a result built from unsorted latencies. */
  static LoadResult of(long spans, long errors, long elapsedNanos, long[] latenciesNanos) {
    long[] sorted = latenciesNanos.clone();
    Arrays.sort(sorted);
    return new LoadResult(sorted.length, spans, errors, elapsedNanos, sorted);
  }
}
