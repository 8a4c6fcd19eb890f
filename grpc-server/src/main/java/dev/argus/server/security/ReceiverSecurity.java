package dev.argus.server.security;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The front door of the receivers: optional bearer-token authentication, optional TLS (with
 * optional client certificates) and a cap on concurrent requests.
 *
 * @param authenticator checks bearer tokens; null to accept every request
 * @param tls TLS settings; null for plaintext
 * @param maxConcurrentRequests cap on requests handled at once; 0 for no cap
 * @param maxAttributesPerSpan requests with a span carrying more attributes are refused; 0 for no
 *     limit
 * @param httpTls TLS settings of the OTLP/HTTP receiver; null for plaintext
 */
public record ReceiverSecurity(
    BearerTokenAuthenticator authenticator,
    ServerTlsConfig tls,
    int maxConcurrentRequests,
    int maxAttributesPerSpan,
    ServerTlsConfig httpTls) {

  /** No authentication, plaintext, no cap, the default attribute limit. */
  public static final ReceiverSecurity NONE =
      new ReceiverSecurity(null, null, 0, SpanLimits.DEFAULT_MAX_ATTRIBUTES_PER_SPAN);

  /** Validates the components. */
  public ReceiverSecurity {
    if (maxAttributesPerSpan < 0) {
      throw new IllegalArgumentException(
          "max_attributes_per_span: " + maxAttributesPerSpan + " (expected: >= 0)");
    }
    if (maxConcurrentRequests < 0) {
      throw new IllegalArgumentException(
          "max_concurrent_requests: " + maxConcurrentRequests + " (expected: >= 0)");
    }
  }

  /** Creates settings with a plaintext OTLP/HTTP receiver. */
  public ReceiverSecurity(
      BearerTokenAuthenticator authenticator,
      ServerTlsConfig tls,
      int maxConcurrentRequests,
      int maxAttributesPerSpan) {
    this(authenticator, tls, maxConcurrentRequests, maxAttributesPerSpan, null);
  }

  /** Returns a new concurrency limit for one receiver, or null when there is no cap. */
  public ConcurrencyLimit newConcurrencyLimit() {
    return maxConcurrentRequests == 0 ? null : new ConcurrencyLimit(maxConcurrentRequests);
  }

  /**
   * Applies TLS, authentication and the concurrency cap to a gRPC server being built.
   *
   * @throws UncheckedIOException when the TLS files cannot be read
   */
  public NettyServerBuilder apply(NettyServerBuilder builder) {
    if (tls != null) {
      try {
        builder.sslContext(tls.grpcServerContext());
      } catch (IOException | IllegalArgumentException e) {
        throw new UncheckedIOException(
            "cannot load receiver TLS from "
                + tls.certFile()
                + " and "
                + tls.keyFile()
                + ": "
                + e.getMessage(),
            e instanceof IOException io ? io : new IOException(e));
      }
    }
    // Interceptors run last-added first: authentication before the request takes a permit.
    ConcurrencyLimit limit = newConcurrencyLimit();
    if (limit != null) {
      builder.intercept(limit.grpcInterceptor());
    }
    if (authenticator != null) {
      builder.intercept(authenticator.grpcInterceptor());
    }
    return builder;
  }
}
