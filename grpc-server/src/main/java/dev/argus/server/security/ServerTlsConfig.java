package dev.argus.server.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

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
    return GrpcSslContexts.configure(builder()).build();
  }

  /**
   * Returns a JDK TLS context holding the same key and trusted client authorities, for servers that
   * are not built on Netty. Such a server must itself require client certificates when {@link
   * #clientCaFile} is set.
   *
   * @throws IOException when a file cannot be read or is not valid PEM
   */
  public SSLContext jdkServerContext() throws IOException {
    // The same PEM reading as the gRPC receiver; only the engine provider differs.
    SslContext context = builder().sslProvider(SslProvider.JDK).build();
    return ((JdkSslContext) context).context();
  }

  private SslContextBuilder builder() {
    SslContextBuilder builder = SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile());
    if (clientCaFile != null) {
      builder.trustManager(clientCaFile.toFile()).clientAuth(ClientAuth.REQUIRE);
    }
    return builder;
  }
}
