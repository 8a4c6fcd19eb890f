package dev.argus.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.otlp.ItemCounts;
import dev.argus.server.testing.OtlpSender;
import dev.argus.server.testing.RunningArgus;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code argus_exporter_sent_log_records_total} counts the log records the downstream accepted in
 * the default synchronous mode, whether ARGUS received them or wrote them as evaluation results.
 */
class SentLogRecordsMetricTest {
  private static final String SENT = "argus_exporter_sent_log_records_total";

  private RunningArgus argus;
  private AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    argus =
        RunningArgus.start(
            "extensions: {admin: {endpoint: \"127.0.0.1:0\"}}\n",
            new GenAiEvaluator(ScoringConfig.defaults()));
    admin = new AdminClient(argus.server.adminPort());
  }

  @AfterEach
  void stop() throws Exception {
    argus.close();
  }

  @Test
  void evaluationLogRecordsDelivered_areCountedAsSent() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.parseFrom(
            OtlpSender.resource("fixtures/captured/openinference/pii_leak.pb"));

    argus.sender.traces().export(request);
    long delivered = ItemCounts.logRecords(argus.downstream.takeLogs());

    assertTrue(delivered > 0, "the evaluation result went out as log records");
    assertEquals(delivered, awaitSent(delivered));
  }

  @Test
  void receivedLogRecordsDelivered_areCountedAsSent() throws Exception {
    argus.sender.logs().export(logs(3));
    long delivered = ItemCounts.logRecords(argus.downstream.takeLogs());

    assertEquals(3, delivered);
    assertEquals(3.0, admin.metrics().get(SENT));
  }

  /** Returns the counter once it reached {@code expected}, or its value after 10 s. */
  private long awaitSent(long expected) throws Exception {
    // The evaluation records go out after the spans were acknowledged, so the counter can trail.
    long deadline = System.nanoTime() + 10_000_000_000L;
    double sent = 0;
    while (System.nanoTime() < deadline) {
      Map<String, Double> metrics = admin.metrics();
      sent = metrics.getOrDefault(SENT, 0.0);
      if (sent >= expected) {
        break;
      }
      Thread.sleep(20);
    }
    return (long) sent;
  }

  private static ExportLogsServiceRequest logs(int count) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addLogRecords(
          LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("line " + i)));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build();
  }
}
