package dev.argus.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations in the Collector's notation: {@code 5s}, {@code 1m30s}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private Durations() {}

  /**
   * Returns the duration written as {@code text}, a sequence of number-unit pairs with units {@code
   * ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}.
   *
   * @throws IllegalArgumentException when {@code text} is not such a sequence
   */
  public static Duration parse(String text) {
    Matcher matcher = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (matcher.lookingAt()) {
      BigDecimal amount = new BigDecimal(matcher.group(1));
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
      end = matcher.end();
      matcher.region(end, text.length());
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  /** Returns {@link #format} of {@code duration}, or {@code null} for a missing one. */
  public static String describe(Duration duration) {
    return duration == null ? "null" : format(duration);
  }

  /** Returns {@code duration} in the notation {@link #parse} reads, for example {@code 500ms}. */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    // The largest unit that writes it whole: 1h and 10m, as configurations write them, not 3600s.
    if (nanos > 0 && nanos % 3_600_000_000_000L == 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos > 0 && nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return nanos + "ns";
  }
}
