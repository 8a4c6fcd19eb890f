package dev.argus.server.receiver;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the OTLP/HTTP receiver.
 *
 * @param host address to bind, for example {@code localhost} or {@code 0.0.0.0}
 * @param port port to bind; 0 picks a free one
 * @param maxRequestBodyBytes largest accepted body, after decompression
 * @param maxConcurrentRequests most requests being processed or awaiting delivery at once; more are
 *     answered 429
 * @param retryAfter the {@code Retry-After} sent with 429 and 503 answers
 */
public record OtlpHttpReceiverConfig(
    String host,
    int port,
    int maxRequestBodyBytes,
    int maxConcurrentRequests,
    Duration retryAfter) {

  /** Default port of OTLP over HTTP. */
  public static final int DEFAULT_PORT = 4318;

  /** Default largest body after decompression: 20 MiB, as the OTLP specification suggests. */
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 20 * 1024 * 1024;

  /** Default most concurrent requests. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 1024;

  /** Default {@code Retry-After}: 1 second. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /** Validates the components. */
  public OtlpHttpReceiverConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
    if (maxRequestBodyBytes <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBodyBytes: " + maxRequestBodyBytes + " (expected: > 0)");
    }
    if (maxConcurrentRequests <= 0) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests: " + maxConcurrentRequests + " (expected: > 0)");
    }
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter: " + retryAfter + " (expected: >= 0)");
    }
  }

  /** Returns a config with default limits on {@code host:port}. */
  public static OtlpHttpReceiverConfig of(String host, int port) {
    return new OtlpHttpReceiverConfig(
        host,
        port,
        DEFAULT_MAX_REQUEST_BODY_BYTES,
        DEFAULT_MAX_CONCURRENT_REQUESTS,
        DEFAULT_RETRY_AFTER);
  }
}
