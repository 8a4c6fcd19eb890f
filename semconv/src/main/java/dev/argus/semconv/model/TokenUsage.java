package dev.argus.semconv.model;

/**
 * Token counts of one call. A null component means "not reported", never zero.
 *
 * <p>Follows the semantic-convention rules: {@code inputTokens} includes cache reads and writes,
 * {@code outputTokens} includes reasoning tokens, so the detail counts are subsets and are never
 * added to the totals again.
 *
 * @param inputTokens prompt tokens including cached ones
 * @param outputTokens completion tokens including reasoning ones
 * @param cacheReadTokens subset of input served from the provider's cache
 * @param cacheWriteTokens subset of input written to the provider's cache
 * @param reasoningTokens subset of output spent on reasoning
 */
public record TokenUsage(
    Long inputTokens,
    Long outputTokens,
    Long cacheReadTokens,
    Long cacheWriteTokens,
    Long reasoningTokens) {

  /** Usage with nothing reported. */
  public static final TokenUsage UNKNOWN = new TokenUsage(null, null, null, null, null);

  /** Returns input + output when either is reported, else null. */
  public Long totalTokens() {
    if (inputTokens == null && outputTokens == null) {
      return null;
    }
    return (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
  }
}
