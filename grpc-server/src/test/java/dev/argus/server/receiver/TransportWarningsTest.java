package dev.argus.server.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.testing.LogCapture;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class TransportWarningsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final TransportWarnings filter = new TransportWarnings(nanos::get);

  @Test
  void oneShortLinePerMinute_countingTheCallsItStandsFor() {
    List<LogRecord> logged;
    try (LogCapture log = new LogCapture(TransportWarnings.class)) {
      assertFalse(filter.isLoggable(refusal("Encountered end-of-stream mid-frame")));
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
      assertFalse(filter.isLoggable(refusal("Encountered end-of-stream mid-frame")));
      assertFalse(filter.isLoggable(refusal("compression not configured")));
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
      assertFalse(filter.isLoggable(refusal("compression not configured")));
      logged = log.records();
    }

    assertEquals(
        List.of(
            "gRPC call refused by the transport: INTERNAL: Encountered end-of-stream mid-frame"
                + " occurrences=1",
            // Each message keeps its own count: the second end-of-stream is not counted as a
            // compression refusal.
            "gRPC call refused by the transport: INTERNAL: Encountered end-of-stream mid-frame"
                + " occurrences=1",
            "gRPC call refused by the transport: INTERNAL: compression not configured"
                + " occurrences=2"),
        logged.stream().map(LogRecord::getMessage).toList());
    assertTrue(logged.stream().allMatch(record -> record.getThrown() == null), "no stack trace");
  }

  @Test
  void theReceiverPutsTheFilterOnGrpcsStreamLogger() {
    TransportWarnings.install();

    assertTrue(
        Logger.getLogger(TransportWarnings.STREAM_LOGGER).getFilter() instanceof TransportWarnings);
  }

  private static LogRecord refusal(String reason) {
    LogRecord record = new LogRecord(Level.WARNING, "Exception processing message");
    record.setThrown(Status.INTERNAL.withDescription(reason).asRuntimeException());
    return record;
  }
}
