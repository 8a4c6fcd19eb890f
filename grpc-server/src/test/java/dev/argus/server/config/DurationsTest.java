package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parse_readsSingleAndCompoundDurations() {
    assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ofHours(2), Durations.parse("2h"));
    assertEquals(Duration.ofNanos(250_000), Durations.parse("250us"));
  }

  @Test
  void parse_rejectsNumbersWithoutUnitsAndTrailingText() {
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("5s later"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
  }

  @Test
  void format_writesWhatParseReads() {
    assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
    assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
    assertEquals("1h", Durations.format(Duration.ofHours(1)));
    assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("0s", Durations.format(Duration.ZERO));
    assertEquals(
        Duration.ofMillis(1500), Durations.parse(Durations.format(Duration.ofMillis(1500))));
  }
}
