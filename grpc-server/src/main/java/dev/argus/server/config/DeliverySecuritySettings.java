package dev.argus.server.config;

import dev.argus.core.enrich.ScanLimit;
import dev.argus.server.export.DeliveryConfig;
import dev.argus.server.export.RetryConfig;
import dev.argus.server.export.SendingQueueConfig;
import dev.argus.server.security.BearerTokenAuthenticator;
import dev.argus.server.security.BudgetedEvaluator;
import dev.argus.server.security.ClientTlsConfig;
import dev.argus.server.security.ReceiverSecurity;
import dev.argus.server.security.Secret;
import dev.argus.server.security.SecurityConfig;
import dev.argus.server.security.ServerTlsConfig;
import dev.argus.server.security.SpanLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the delivery keys ({@code exporter.sending_queue.*}, {@code exporter.retry_on_failure.*},
 * {@code exporter.max_send_msg_size_mib}) and the security keys ({@code auth.*}, receiver and
 * exporter TLS, request limits) for {@link ConfigLoader}.
 */
final class DeliverySecuritySettings {
  /** Receiver keys read here, for {@link ConfigLoader}'s unknown-key check. */
  static final List<String> RECEIVER_KEYS =
      List.of(
          "receivers.otlp.grpc.max_concurrent_requests",
          "receivers.otlp.grpc.tls.cert_file",
          "receivers.otlp.grpc.tls.key_file",
          "receivers.otlp.grpc.tls.client_ca_file",
          "receivers.otlp.http.tls.cert_file",
          "receivers.otlp.http.tls.key_file",
          "receivers.otlp.http.tls.client_ca_file",
          "receivers.otlp.max_attributes_per_span");

  /** Exporter keys read here. */
  static final List<String> EXPORTER_KEYS =
      List.of(
          "exporter.otlp.tls.ca_file",
          "exporter.otlp.tls.cert_file",
          "exporter.otlp.tls.key_file",
          "exporter.max_send_msg_size_mib",
          "exporter.sending_queue.enabled",
          "exporter.sending_queue.queue_size",
          "exporter.sending_queue.num_consumers",
          "exporter.sending_queue.storage",
          "exporter.sending_queue.fsync",
          "exporter.sending_queue.max_storage_size_mib",
          "exporter.sending_queue.segment_size_mib",
          "exporter.sending_queue.drain_timeout",
          "exporter.retry_on_failure.enabled",
          "exporter.retry_on_failure.initial_interval",
          "exporter.retry_on_failure.max_interval",
          "exporter.retry_on_failure.max_elapsed_time");

  /** Scoring keys read here. */
  static final List<String> SCORING_KEYS = List.of("scoring.time_budget", "scoring.max_text_chars");

  /** Authentication keys read here. */
  static final List<String> AUTH_KEYS = List.of("auth.bearer_token_file", "auth.bearer_token_env");

  private static final int MAX_MSG_SIZE_MIB = 2047;

  private DeliverySecuritySettings() {}

  /** Reads the delivery settings; null after recording a problem. */
  static DeliveryConfig delivery(ConfigReader in) {
    String prefix = "exporter.sending_queue.";
    boolean enabled = in.bool(prefix + "enabled", false);
    int queueSize =
        in.integer(prefix + "queue_size", SendingQueueConfig.DEFAULT_QUEUE_SIZE, 1, 10_000_000);
    int consumers =
        in.integer(prefix + "num_consumers", SendingQueueConfig.DEFAULT_NUM_CONSUMERS, 1, 1024);
    String storage = in.text(prefix + "storage", "");
    boolean fsync = in.bool(prefix + "fsync", true);
    int maxStorageMib =
        in.integer(
            prefix + "max_storage_size_mib",
            (int) (SendingQueueConfig.DEFAULT_MAX_STORAGE_BYTES >> 20),
            1,
            Integer.MAX_VALUE);
    int segmentMib =
        in.integer(
            prefix + "segment_size_mib",
            (int) (SendingQueueConfig.DEFAULT_SEGMENT_BYTES >> 20),
            1,
            1024);
    boolean persistent = storage != null && !storage.isBlank();
    if (persistent && (long) maxStorageMib < 2L * segmentMib) {
      // A delivered segment is reclaimed only once the log rolls over to the next one, so a cap
      // below two segments would refuse data while the downstream is healthy.
      in.problem(
          prefix + "max_storage_size_mib",
          Integer.toString(maxStorageMib),
          "at least 2 × segment_size_mib = " + 2L * segmentMib);
    }
    Duration drain =
        in.duration(prefix + "drain_timeout", SendingQueueConfig.DEFAULT_DRAIN_TIMEOUT);
    RetryConfig retry = retry(in);
    int maxSendMib =
        in.integer(
            "exporter.max_send_msg_size_mib",
            DeliveryConfig.DEFAULT_MAX_SEND_MSG_SIZE_BYTES >> 20,
            1,
            MAX_MSG_SIZE_MIB);
    if (retry == null || drain == null) {
      return null;
    }
    SendingQueueConfig queue =
        new SendingQueueConfig(
            enabled,
            queueSize,
            consumers,
            persistent ? Path.of(storage) : null,
            fsync,
            (long) maxStorageMib << 20,
            (long) segmentMib << 20,
            drain);
    return new DeliveryConfig(queue, retry, maxSendMib << 20);
  }

  private static RetryConfig retry(ConfigReader in) {
    String prefix = "exporter.retry_on_failure.";
    boolean enabled = in.bool(prefix + "enabled", true);
    Duration initial =
        in.duration(prefix + "initial_interval", RetryConfig.DEFAULT_INITIAL_INTERVAL);
    Duration max = in.duration(prefix + "max_interval", RetryConfig.DEFAULT_MAX_INTERVAL);
    Duration elapsed =
        durationOrZero(in, prefix + "max_elapsed_time", RetryConfig.DEFAULT_MAX_ELAPSED_TIME);
    if (initial == null || max == null || elapsed == null) {
      return null;
    }
    if (max.compareTo(initial) < 0) {
      in.problem(
          prefix + "max_interval",
          Durations.format(max),
          "at least initial_interval " + Durations.format(initial));
      return null;
    }
    return new RetryConfig(
        enabled,
        initial,
        max,
        elapsed,
        RetryConfig.DEFAULT_MULTIPLIER,
        RetryConfig.DEFAULT_RANDOMIZATION_FACTOR);
  }

  /** Like {@link ConfigReader#duration} but accepts {@code 0}, which means "no limit". */
  private static Duration durationOrZero(ConfigReader in, String key, Duration fallback) {
    String value = in.text(key, Durations.format(fallback));
    if (value == null) {
      return null;
    }
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      in.problem(key, value, "a duration such as 5m, or 0 for no limit");
      return null;
    }
  }

  /** Reads the security settings; null after recording a problem. */
  static SecurityConfig security(ConfigReader in, Function<String, String> environment) {
    BearerTokenAuthenticator authenticator = bearerToken(in, environment);
    int maxConcurrent = in.integer("receivers.otlp.grpc.max_concurrent_requests", 0, 0, 1_000_000);
    int maxAttributes =
        in.integer(
            "receivers.otlp.max_attributes_per_span",
            SpanLimits.DEFAULT_MAX_ATTRIBUTES_PER_SPAN,
            0,
            Integer.MAX_VALUE);
    int maxTextChars =
        in.integer("scoring.max_text_chars", ScanLimit.DEFAULT_MAX_CHARS, 0, Integer.MAX_VALUE);
    ServerTlsConfig tls = serverTls(in, "receivers.otlp.grpc.tls.");
    ServerTlsConfig httpTls = serverTls(in, "receivers.otlp.http.tls.");
    Path exporterCa = path(in, "exporter.otlp.tls.ca_file");
    Path exporterCert = path(in, "exporter.otlp.tls.cert_file");
    Path exporterKey = path(in, "exporter.otlp.tls.key_file");
    if ((exporterCert == null) != (exporterKey == null)) {
      in.problem(
          "exporter.otlp.tls.cert_file",
          String.valueOf(exporterCert),
          "cert_file and key_file together");
      return null;
    }
    Duration budget = durationOrZero(in, "scoring.time_budget", BudgetedEvaluator.DEFAULT_BUDGET);
    if (budget == null) {
      return null;
    }
    return new SecurityConfig(
        new ReceiverSecurity(authenticator, tls, maxConcurrent, maxAttributes, httpTls),
        new ClientTlsConfig(exporterCa, exporterCert, exporterKey),
        budget,
        maxTextChars);
  }

  /** Reads the token named by auth.bearer_token_file or auth.bearer_token_env, if any. */
  private static BearerTokenAuthenticator bearerToken(
      ConfigReader in, Function<String, String> environment) {
    String file = in.text("auth.bearer_token_file", "");
    String variable = in.text("auth.bearer_token_env", "");
    if (file == null || variable == null || (file.isEmpty() && variable.isEmpty())) {
      return null;
    }
    if (!file.isEmpty() && !variable.isEmpty()) {
      in.problem("auth.bearer_token_file", file, "either bearer_token_file or bearer_token_env");
      return null;
    }
    try {
      Secret token =
          file.isEmpty()
              ? Secret.fromEnvironment(variable, environment)
              : Secret.fromFile(Path.of(file));
      return new BearerTokenAuthenticator(token);
    } catch (IOException | IllegalArgumentException e) {
      // The message names the file or variable, never the token.
      String key = file.isEmpty() ? "auth.bearer_token_env" : "auth.bearer_token_file";
      in.problem(key, file.isEmpty() ? variable : file, "a readable, non-empty secret: " + e);
      return null;
    }
  }

  /** Reads {@code <prefix>cert_file}, {@code key_file} and {@code client_ca_file}; null if none. */
  private static ServerTlsConfig serverTls(ConfigReader in, String prefix) {
    Path cert = path(in, prefix + "cert_file");
    Path key = path(in, prefix + "key_file");
    Path clientCa = path(in, prefix + "client_ca_file");
    if ((cert == null) != (key == null)) {
      in.problem(prefix + "cert_file", String.valueOf(cert), "cert_file and key_file together");
    } else if (cert != null) {
      return new ServerTlsConfig(cert, key, clientCa);
    } else if (clientCa != null) {
      in.problem(prefix + "client_ca_file", clientCa.toString(), "cert_file and key_file too");
    }
    return null;
  }

  private static Path path(ConfigReader in, String key) {
    String value = in.text(key, "");
    return value == null || value.isBlank() ? null : Path.of(value);
  }
}
