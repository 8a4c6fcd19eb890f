package dev.argus.server.receiver;

import java.util.Objects;

/**
 * Settings of the OTLP/gRPC receiver.
 *
 * @param host address to bind, for example {@code localhost} or {@code 0.0.0.0}
 * @param port port to bind; 0 picks a free one
 * @param maxRecvMsgSizeBytes largest accepted request, after decompression
 */
public record OtlpGrpcReceiverConfig(String host, int port, int maxRecvMsgSizeBytes) {

  /** Default port of OTLP over gRPC. */
  public static final int DEFAULT_PORT = 4317;

  /** Default largest request: 16 MiB. */
  public static final int DEFAULT_MAX_RECV_MSG_SIZE_BYTES = 16 * 1024 * 1024;

  /** Validates the components. */
  public OtlpGrpcReceiverConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
    if (maxRecvMsgSizeBytes <= 0) {
      throw new IllegalArgumentException(
          "maxRecvMsgSizeBytes: " + maxRecvMsgSizeBytes + " (expected: > 0)");
    }
  }
}
