package dev.argus.core.scoring.degradation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DegradationDetectorTest {

  private final AtomicLong now = new AtomicLong();
  private final Ticker ticker = now::get;

  private DegradationDetector detector() {
    return new DegradationDetector(10, Duration.ofMinutes(5), 5, 0.5, 100, ticker);
  }

  @Test
  void sustainedBreaches_raiseOneEventThenRecover() {
    DegradationDetector detector = detector();
    for (int i = 0; i < 4; i++) {
      assertTrue(detector.record("shop", "gpt", true).isEmpty(), "below min samples");
    }

    Optional<DegradationEvent> raised = detector.record("shop", "gpt", true);
    Optional<DegradationEvent> again = detector.record("shop", "gpt", true);

    assertTrue(raised.get().degraded());
    assertEquals(1.0, raised.get().breachRatio());
    assertEquals(5, raised.get().windowSize());
    assertTrue(again.isEmpty(), "no repeat while degraded");
    Optional<DegradationEvent> recovered = Optional.empty();
    for (int i = 0; i < 10 && recovered.isEmpty(); i++) {
      recovered = detector.record("shop", "gpt", false);
    }
    assertFalse(recovered.get().degraded());
    assertTrue(recovered.get().breachRatio() < 0.25);
  }

  @Test
  void seriesAreSeparatePerServiceAndModel() {
    DegradationDetector detector = detector();
    for (int i = 0; i < 5; i++) {
      detector.record("shop", "gpt", true);
    }

    Optional<DegradationEvent> other = Optional.empty();
    for (int i = 0; i < 5; i++) {
      other = detector.record("shop", "claude", false);
    }

    assertTrue(other.isEmpty());
  }

  @Test
  void oldOutcomesLeaveTheWindow() {
    DegradationDetector detector = detector();
    for (int i = 0; i < 4; i++) {
      detector.record("shop", "gpt", true);
    }
    now.addAndGet(Duration.ofMinutes(6).toNanos());

    Optional<DegradationEvent> event = detector.record("shop", "gpt", true);

    assertTrue(event.isEmpty(), "the four old breaches expired");
  }

  @Test
  void invalidSettings_nameKeyValueAndExpectation() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DegradationDetector(10, Duration.ofMinutes(1), 5, 1.5, 10, ticker));

    assertEquals(
        "scoring.degradation.breach_ratio: 1.5 (expected: 0 < value <= 1)", e.getMessage());
  }
}
