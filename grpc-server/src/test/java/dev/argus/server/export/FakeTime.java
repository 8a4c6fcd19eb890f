package dev.argus.server.export;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock and sleeper for retry tests: sleeping advances the clock at once and is recorded. */
final class FakeTime implements Sleeper {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    nanos.addAndGet(duration.toNanos());
  }

  List<Duration> sleeps() {
    return sleeps;
  }
}
