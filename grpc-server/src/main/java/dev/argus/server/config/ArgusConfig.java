package dev.argus.server.config;

import dev.argus.core.scoring.ThresholdOverride;
import dev.argus.server.admin.AdminConfig;
import dev.argus.server.export.DeliveryConfig;
import dev.argus.server.export.OtlpGrpcExporterConfig;
import dev.argus.server.join.LogJoinConfig;
import dev.argus.server.receiver.OtlpGrpcReceiverConfig;
import dev.argus.server.receiver.OtlpHttpReceiverConfig;
import dev.argus.server.security.SecurityConfig;
import dev.argus.server.webhook.CorrectionConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The whole service configuration, as read by {@link ConfigLoader}.
 *
 * @param receiver the OTLP/gRPC receiver
 * @param otlpExporter the downstream OTLP/gRPC exporter, or null to write to {@code filePath}
 * @param filePath file that receives OTLP/JSON lines when no downstream is configured
 * @param scoring scoring overrides
 * @param evaluationEvents whether spans get {@code gen_ai.evaluation.result} events
 * @param correction correction events and webhook delivery
 * @param httpReceiver the OTLP/HTTP receiver, or null when it is off
 * @param logJoin how gen-AI spans wait for the log records that carry their content
 * @param evaluationLogs whether {@code gen_ai.evaluation.result} is also sent as OTLP log records
 *     parented to the span
 * @param delivery sending queue, retries and request size toward the destination
 * @param security authentication, TLS, request limits and the scoring time budget
 * @param admin the admin HTTP server (metrics, health, inline evaluation), or null when it is off
 */
public record ArgusConfig(
    OtlpGrpcReceiverConfig receiver,
    OtlpGrpcExporterConfig otlpExporter,
    Path filePath,
    ScoringSettings scoring,
    boolean evaluationEvents,
    CorrectionConfig correction,
    OtlpHttpReceiverConfig httpReceiver,
    LogJoinConfig logJoin,
    boolean evaluationLogs,
    DeliveryConfig delivery,
    SecurityConfig security,
    AdminConfig admin) {

  /** Validates the components. */
  public ArgusConfig {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(filePath, "filePath");
    Objects.requireNonNull(scoring, "scoring");
    Objects.requireNonNull(correction, "correction");
    Objects.requireNonNull(logJoin, "logJoin");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(security, "security");
  }

  /** Returns the effective settings as {@code key=value} pairs, secrets masked, for the log. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append("receivers.otlp.grpc.endpoint=")
        .append(receiver.host())
        .append(':')
        .append(receiver.port())
        .append(" receivers.otlp.grpc.max_recv_msg_size_mib=")
        .append(receiver.maxRecvMsgSizeBytes() / (1024 * 1024));
    if (httpReceiver != null) {
      text.append(" receivers.otlp.http.endpoint=")
          .append(httpReceiver.host())
          .append(':')
          .append(httpReceiver.port())
          .append(" receivers.otlp.http.max_request_body_size_mib=")
          .append(httpReceiver.maxRequestBodyBytes() / (1024 * 1024))
          .append(" receivers.otlp.http.max_concurrent_requests=")
          .append(httpReceiver.maxConcurrentRequests())
          .append(" receivers.otlp.http.retry_after=")
          .append(Durations.format(httpReceiver.retryAfter()));
    }
    text.append(" log_join.hold_window=")
        .append(Durations.format(logJoin.holdWindow()))
        .append(" log_join.max_held_mib=")
        .append(logJoin.maxHeldBytes() / (1024 * 1024))
        .append(" log_join.record_window=")
        .append(Durations.format(logJoin.recordWindow()))
        .append(" log_join.max_records_mib=")
        .append(logJoin.maxRecordBytes() / (1024 * 1024));
    if (otlpExporter != null) {
      text.append(" exporter.otlp.endpoint=")
          .append(EndpointText.safe(otlpExporter.endpoint()))
          .append(" exporter.otlp.tls.insecure=")
          .append(otlpExporter.insecure())
          .append(" exporter.otlp.headers=")
          .append(
              otlpExporter.headers().isEmpty()
                  ? "{}"
                  : otlpExporter.headers().keySet() + "=" + SecretValues.REDACTED)
          .append(" exporter.otlp.compression=")
          .append(otlpExporter.gzip() ? "gzip" : "none")
          .append(" exporter.otlp.timeout=")
          .append(Durations.format(otlpExporter.timeout()));
    } else {
      text.append(" exporter.file.path=").append(filePath);
    }
    text.append(" scoring.profile=").append(scoring.profile());
    scoring
        .thresholds()
        .forEach(
            (dimension, value) ->
                text.append(" scoring.thresholds.")
                    .append(dimension.key())
                    .append('=')
                    .append(value));
    if (scoring.compositeThreshold() != null) {
      text.append(" scoring.thresholds.composite=").append(scoring.compositeThreshold());
    }
    scoring
        .weights()
        .forEach(
            (dimension, value) ->
                text.append(" scoring.weights.").append(dimension.key()).append('=').append(value));
    text.append(" scoring.latency_sla=")
        .append(Durations.format(scoring.latencySla()))
        .append(" scoring.cost.budget_tokens=")
        .append(scoring.costBudgetTokens());
    for (int i = 0; i < scoring.overrides().size(); i++) {
      ThresholdOverride override = scoring.overrides().get(i);
      text.append(" scoring.overrides[")
          .append(i)
          .append("]=")
          .append(override.serviceName() == null ? "*" : override.serviceName())
          .append('/')
          .append(override.model() == null ? "*" : override.model());
    }
    if (scoring.goldenAnswersFile() != null) {
      text.append(" scoring.golden_answers.file=")
          .append(scoring.goldenAnswersFile())
          .append(" (")
          .append(scoring.goldenAnswers().size())
          .append(" answers)");
    }
    if (scoring.phoneRegions() != null) {
      text.append(" scoring.safety.phone_regions=").append(scoring.phoneRegions());
    }
    text.append(" scoring.variance.max_prompts=")
        .append(scoring.varianceMaxPrompts())
        .append(" scoring.variance.answers_per_prompt=")
        .append(scoring.varianceAnswersPerPrompt())
        .append(" scoring.variance.ttl=")
        .append(Durations.format(scoring.varianceTtl()));
    text.append(" enrichment.evaluation_events=").append(evaluationEvents);
    text.append(" enrichment.evaluation_logs=").append(evaluationLogs);
    text.append(' ').append(correction.describe());
    describeDelivery(text);
    describeSecurity(text);
    if (admin != null) {
      text.append(" extensions.admin.endpoint=")
          .append(admin.host())
          .append(':')
          .append(admin.port())
          .append(" extensions.admin.evaluate.max_request_body_size_kib=")
          .append(admin.maxRequestBodyBytes() / 1024)
          .append(" extensions.admin.evaluate.block_on=")
          .append(AdminSettings.blockOnText(admin));
    }
    return text.toString();
  }

  private void describeSecurity(StringBuilder text) {
    var receivers = security.receivers();
    text.append(" auth.bearer_token=")
        .append(receivers.authenticator() == null ? "(none)" : SecretValues.REDACTED)
        .append(" receivers.otlp.grpc.tls=")
        .append(receivers.tls() == null ? "(none)" : receivers.tls().certFile())
        .append(" receivers.otlp.grpc.tls.client_ca_file=")
        .append(
            receivers.tls() == null || receivers.tls().clientCaFile() == null
                ? "(none)"
                : receivers.tls().clientCaFile())
        .append(" receivers.otlp.http.tls=")
        .append(receivers.httpTls() == null ? "(none)" : receivers.httpTls().certFile())
        .append(" receivers.otlp.http.tls.client_ca_file=")
        .append(
            receivers.httpTls() == null || receivers.httpTls().clientCaFile() == null
                ? "(none)"
                : receivers.httpTls().clientCaFile())
        .append(" receivers.otlp.grpc.max_concurrent_requests=")
        .append(receivers.maxConcurrentRequests())
        .append(" receivers.otlp.max_attributes_per_span=")
        .append(receivers.maxAttributesPerSpan())
        .append(" scoring.time_budget=")
        .append(Durations.format(security.scoringTimeBudget()))
        .append(" scoring.max_text_chars=")
        .append(
            security.scoringMaxTextChars() == 0
                ? "(no limit)"
                : Integer.toString(security.scoringMaxTextChars()));
  }

  private void describeDelivery(StringBuilder text) {
    var queue = delivery.sendingQueue();
    var retry = delivery.retry();
    text.append(" exporter.sending_queue.enabled=").append(queue.enabled());
    if (queue.enabled()) {
      text.append(" exporter.sending_queue.queue_size=")
          .append(queue.queueSize())
          .append(" exporter.sending_queue.num_consumers=")
          .append(queue.numConsumers())
          .append(" exporter.sending_queue.storage=")
          .append(queue.storage() == null ? "(memory)" : queue.storage())
          .append(" exporter.sending_queue.drain_timeout=")
          .append(Durations.format(queue.drainTimeout()));
      if (queue.persistent()) {
        text.append(" exporter.sending_queue.fsync=")
            .append(queue.fsync())
            .append(" exporter.sending_queue.max_storage_size_mib=")
            .append(queue.maxStorageBytes() / (1024 * 1024))
            .append(" exporter.sending_queue.segment_size_mib=")
            .append(queue.segmentBytes() / (1024 * 1024));
      }
      text.append(" exporter.retry_on_failure.enabled=")
          .append(retry.enabled())
          .append(" exporter.retry_on_failure.initial_interval=")
          .append(Durations.format(retry.initialInterval()))
          .append(" exporter.retry_on_failure.max_interval=")
          .append(Durations.format(retry.maxInterval()))
          .append(" exporter.retry_on_failure.max_elapsed_time=")
          .append(Durations.format(retry.maxElapsedTime()));
    }
    text.append(" exporter.max_send_msg_size_mib=")
        .append(delivery.maxSendMsgSizeBytes() / (1024 * 1024));
  }
}
