package dev.argus.server.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of a receiver.
 *
 * @param certFile PEM certificate chain the receiver presents
 * @param keyFile PEM (PKCS#8) private key of that certificate
 * @param clientCaFile PEM certificates of the authorities whose client certificates are accepted;
 *     null to not ask for client certificates
 */
public record ServerTlsConfig(Path certFile, Path keyFile, Path clientCaFile) {

  /** Validates the components. */
  public ServerTlsConfig {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
  }

  /**
   * Returns the TLS context for a gRPC server.
   *
   * @throws IOException when a file cannot be read or is not valid PEM
   */
  public SslContext grpcServerContext() throws IOException {
    SslContextBuilder builder = SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile());
    if (clientCaFile != null) {
      builder.trustManager(clientCaFile.toFile()).clientAuth(ClientAuth.REQUIRE);
    }
    return GrpcSslContexts.configure(builder).build();
  }
}
