package dev.argus.server.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Checks the {@code Authorization: Bearer <token>} header of incoming requests against one
 * configured token, in constant time. Rejected gRPC calls get {@code UNAUTHENTICATED}; HTTP
 * handlers call {@link #accepts} and answer 401. Thread-safe.
 */
public final class BearerTokenAuthenticator {
  /** The header that carries the token, for gRPC metadata and HTTP alike. */
  public static final String HEADER = "authorization";

  private static final String PREFIX = "bearer ";
  private static final Metadata.Key<String> KEY =
      Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] expected;

  /** Creates an authenticator that accepts {@code token}. */
  public BearerTokenAuthenticator(Secret token) {
    Objects.requireNonNull(token, "token");
    this.expected = token.reveal().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns true when {@code authorization}, a header value, carries the expected token. */
  public boolean accepts(String authorization) {
    if (authorization == null
        || authorization.length() < PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] presented =
        authorization.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    // Constant time: the answer's timing must not reveal how much of the token was right.
    return MessageDigest.isEqual(expected, presented);
  }

  /** Returns an interceptor that closes unauthenticated calls with {@code UNAUTHENTICATED}. */
  public ServerInterceptor grpcInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (accepts(headers.get(KEY))) {
          return next.startCall(call, headers);
        }
        call.close(
            Status.UNAUTHENTICATED.withDescription(
                "missing or invalid bearer token in the authorization header"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
    };
  }
}
