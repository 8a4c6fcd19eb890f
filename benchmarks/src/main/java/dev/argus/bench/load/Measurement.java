package dev.argus.bench.load;

/**
 * One workload run against one target.
 *
 * @param round measurement round, from 0
 * @param workload workload name
 * @param target {@code baseline} or {@code argus}
 * @param result what the client saw
 * @param cpuSeconds CPU seconds the target process used during the measurement
 * @param peakRssKib the target's peak RSS during the measurement (lifetime peak if it could not be
 *     reset)
 * @param delivered spans, forwarded by the target, that the sink received for this run
 * @param sampledSpans spans the sink parsed fully
 * @param enrichedSpans of those, spans that were scored (verdict pass or fail)
 */
record Measurement(
    int round,
    String workload,
    String target,
    LoadResult result,
    double cpuSeconds,
    long peakRssKib,
    long delivered,
    long sampledSpans,
    long enrichedSpans) {

  /** Returns CPU microseconds the target spent per acknowledged span. */
  double cpuMicrosPerSpan() {
    return result.spans() == 0 ? Double.NaN : cpuSeconds * 1e6 / result.spans();
  }
}
