package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.server.export.DeliveryConfig;
import dev.argus.server.export.RetryConfig;
import dev.argus.server.export.SendingQueueConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryConfigLoaderTest {
  private final ConfigLoader loader =
      new ConfigLoader(Map.of("ARGUS_QUEUE_DIR", "/var/lib/argus/queue")::get);

  @Test
  void defaults_forwardSynchronouslyWithCollectorRetryIntervals() {
    DeliveryConfig delivery = loader.defaults().delivery();

    assertFalse(delivery.sendingQueue().enabled());
    assertEquals("sync", delivery.sendingQueue().mode());
    assertEquals(RetryConfig.DEFAULT, delivery.retry());
    assertEquals(4 << 20, delivery.maxSendMsgSizeBytes());
  }

  @Test
  void everyKeyIsRead() {
    DeliveryConfig delivery =
        loader
            .parse(
                "exporter:\n"
                    + "  max_send_msg_size_mib: 2\n"
                    + "  sending_queue:\n"
                    + "    enabled: true\n"
                    + "    queue_size: 50\n"
                    + "    num_consumers: 3\n"
                    + "    storage: ${env:ARGUS_QUEUE_DIR}\n"
                    + "    fsync: false\n"
                    + "    max_storage_size_mib: 64\n"
                    + "    segment_size_mib: 4\n"
                    + "    drain_timeout: 3s\n"
                    + "  retry_on_failure:\n"
                    + "    enabled: true\n"
                    + "    initial_interval: 1s\n"
                    + "    max_interval: 10s\n"
                    + "    max_elapsed_time: 0\n",
                "test")
            .delivery();

    SendingQueueConfig queue = delivery.sendingQueue();
    assertEquals("persistent", queue.mode());
    assertEquals(50, queue.queueSize());
    assertEquals(3, queue.numConsumers());
    assertEquals(Path.of("/var/lib/argus/queue"), queue.storage());
    assertFalse(queue.fsync());
    assertEquals(64L << 20, queue.maxStorageBytes());
    assertEquals(4L << 20, queue.segmentBytes());
    assertEquals(Duration.ofSeconds(3), queue.drainTimeout());
    assertEquals(Duration.ofSeconds(1), delivery.retry().initialInterval());
    assertEquals(Duration.ofSeconds(10), delivery.retry().maxInterval());
    assertEquals(Duration.ZERO, delivery.retry().maxElapsedTime());
    assertEquals(2 << 20, delivery.maxSendMsgSizeBytes());
  }

  @Test
  void scoringTimeBudget_defaultsTo250msAndZeroTurnsItOff() {
    assertEquals(Duration.ofMillis(250), loader.defaults().security().scoringTimeBudget());
    assertEquals(
        Duration.ZERO,
        loader.parse("scoring: {time_budget: 0}", "test").security().scoringTimeBudget());
  }

  @Test
  void memoryQueueWithoutStorage() {
    SendingQueueConfig queue =
        loader
            .parse("exporter: {sending_queue: {enabled: true}}", "test")
            .delivery()
            .sendingQueue();

    assertEquals("memory", queue.mode());
    assertNull(queue.storage());
  }

  @Test
  void badValuesAreAllReportedWithKeyValueAndExpectation() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "exporter:\n"
                        + "  sending_queue: {queue_size: 0, num_consumers: many, fsync: maybe}\n"
                        + "  retry_on_failure: {initial_interval: 10s, max_interval: 1s,"
                        + " max_elapsed_time: forever}\n",
                    "test"));

    String message = e.getMessage();
    assertTrue(message.contains("exporter.sending_queue.queue_size: 0"), message);
    assertTrue(message.contains("exporter.sending_queue.num_consumers: many"), message);
    assertTrue(message.contains("exporter.sending_queue.fsync: maybe"), message);
    assertTrue(message.contains("exporter.retry_on_failure.max_elapsed_time: forever"), message);
  }

  @Test
  void persistentStorageCapMustHoldTwoSegments_reportedWithOtherProblems() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "exporter:\n"
                        + "  sending_queue: {enabled: true, storage: /tmp/q, queue_size: 0,"
                        + " max_storage_size_mib: 1, segment_size_mib: 1}\n",
                    "test"));

    String message = e.getMessage();
    assertTrue(
        message.contains(
            "exporter.sending_queue.max_storage_size_mib: 1 (expected: at least 2 × "
                + "segment_size_mib = 2)"),
        message);
    assertTrue(message.contains("exporter.sending_queue.queue_size: 0"), message);
  }

  @Test
  void scoringMaxTextChars_defaultsTo64KiAndZeroMeansNoLimit() {
    assertEquals(65_536, loader.defaults().security().scoringMaxTextChars());
    ArgusConfig limited = loader.parse("scoring: {max_text_chars: 1000}", "test");
    assertEquals(1_000, limited.security().scoringMaxTextChars());
    assertEquals(
        0, loader.parse("scoring: {max_text_chars: 0}", "test").security().scoringMaxTextChars());
    assertTrue(loader.defaults().describe().contains("scoring.max_text_chars=65536"));
  }

  @Test
  void effectiveConfigLineShowsEveryPersistentQueueSize() {
    String line =
        loader
            .parse(
                "exporter: {sending_queue: {enabled: true, storage: /tmp/q,"
                    + " max_storage_size_mib: 64, segment_size_mib: 4, drain_timeout: 3s}}\n",
                "test")
            .describe();

    assertTrue(line.contains("exporter.sending_queue.max_storage_size_mib=64"), line);
    assertTrue(line.contains("exporter.sending_queue.segment_size_mib=4"), line);
    assertTrue(line.contains("exporter.sending_queue.drain_timeout=3s"), line);
  }

  @Test
  void badScoringMaxTextCharsIsReportedWithTheOtherProblems() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "scoring: {max_text_chars: -1, time_budget: soon}\n"
                        + "exporter: {sending_queue: {queue_size: 0}}\n",
                    "test"));

    String message = e.getMessage();
    assertTrue(
        message.contains("scoring.max_text_chars: -1 (expected: an integer from 0 to 2147483647)"),
        message);
    assertTrue(message.contains("scoring.time_budget: soon"), message);
    assertTrue(message.contains("exporter.sending_queue.queue_size: 0"), message);
  }

  @Test
  void maxIntervalBelowInitialIntervalIsReported() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                loader.parse(
                    "exporter: {retry_on_failure: {initial_interval: 10s, max_interval: 1s}}",
                    "test"));

    assertTrue(e.getMessage().contains("exporter.retry_on_failure.max_interval: 1s"));
  }
}
