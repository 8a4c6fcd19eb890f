package dev.argus.server.security;

import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets through only HTTP requests with the configured bearer token; others get {@code 401} with
 * {@code WWW-Authenticate: Bearer} and never reach the wrapped handler.
 */
public final class BearerTokenHandler extends Handler.Wrapper {
  private final BearerTokenAuthenticator authenticator;

  /** Wraps {@code next} behind {@code authenticator}. */
  public BearerTokenHandler(Handler next, BearerTokenAuthenticator authenticator) {
    super(next);
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (authenticator.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      return super.handle(request, response, callback);
    }
    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
    Response.writeError(
        request,
        response,
        callback,
        HttpStatus.UNAUTHORIZED_401,
        "missing or invalid bearer token in the Authorization header");
    return true;
  }
}
