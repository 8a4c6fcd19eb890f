package dev.argus.server.testing;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Ends what a test started, in the order given, skipping what it never got to start. */
public final class Stop {
  private Stop() {}

  /**
   * Shuts {@code channel} down first, so no call is in flight while the servers close, then closes
   * each resource in order; null entries are skipped.
   */
  public static void all(ManagedChannel channel, AutoCloseable... resources) throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        resource.close();
      }
    }
  }
}
