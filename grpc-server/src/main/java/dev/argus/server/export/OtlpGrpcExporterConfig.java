package dev.argus.server.export;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of the OTLP/gRPC exporter.
 *
 * @param endpoint {@code host:port}, optionally prefixed with {@code http://} (plaintext) or {@code
 *     https://} (TLS)
 * @param insecure true to use plaintext for a bare {@code host:port}
 * @param headers metadata sent with every request, for example an authorization token
 * @param gzip true to compress requests with gzip
 * @param timeout how long one export may take before it fails as retryable
 */
public record OtlpGrpcExporterConfig(
    String endpoint,
    boolean insecure,
    Map<String, String> headers,
    boolean gzip,
    Duration timeout) {

  /** Validates and copies the components. */
  public OtlpGrpcExporterConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
  }

  /** Returns {@code host:port} without a scheme. */
  public String target() {
    if (endpoint.startsWith("http://")) {
      return endpoint.substring("http://".length());
    }
    if (endpoint.startsWith("https://")) {
      return endpoint.substring("https://".length());
    }
    return endpoint;
  }

  /** Returns true when the connection uses plaintext rather than TLS. */
  public boolean plaintext() {
    return endpoint.startsWith("http://") || (insecure && !endpoint.startsWith("https://"));
  }

  /** Masks header values, which usually hold credentials. */
  @Override
  public String toString() {
    Map<String, String> masked = new TreeMap<>();
    headers.keySet().forEach(name -> masked.put(name, "[REDACTED]"));
    return "OtlpGrpcExporterConfig[endpoint="
        + endpoint
        + ", insecure="
        + insecure
        + ", headers="
        + masked
        + ", gzip="
        + gzip
        + ", timeout="
        + timeout
        + "]";
  }
}
