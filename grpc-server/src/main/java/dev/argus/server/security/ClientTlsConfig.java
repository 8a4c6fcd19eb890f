package dev.argus.server.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * TLS of the exporter toward the downstream.
 *
 * @param caFile PEM certificates of the authorities trusted for the downstream's certificate; null
 *     for the JDK's default trust store
 * @param certFile PEM client certificate chain, for downstreams that require one; may be null
 * @param keyFile PEM (PKCS#8) private key of the client certificate; null exactly when certFile is
 */
public record ClientTlsConfig(Path caFile, Path certFile, Path keyFile) {

  /** Validates that certificate and key come together. */
  public ClientTlsConfig {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(
          "tls.cert_file and tls.key_file: "
              + certFile
              + ", "
              + keyFile
              + " (expected: both or neither)");
    }
  }

  /** Returns true when nothing beyond the defaults is configured. */
  public boolean isDefault() {
    return caFile == null && certFile == null;
  }

  /**
   * Returns the TLS context for a gRPC client.
   *
   * @throws IOException when a file cannot be read or is not valid PEM
   */
  public SslContext grpcClientContext() throws IOException {
    SslContextBuilder builder = GrpcSslContexts.forClient();
    if (caFile != null) {
      builder.trustManager(caFile.toFile());
    }
    if (certFile != null) {
      builder.keyManager(certFile.toFile(), keyFile.toFile());
    }
    return builder.build();
  }
}
