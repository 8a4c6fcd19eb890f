package dev.argus.server.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Returns at once, moving the fake clock forward by the requested time, and records it. */
final class RecordingSleeper implements Sleeper {

  private final FakeClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RecordingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
