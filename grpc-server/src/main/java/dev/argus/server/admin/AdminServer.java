package dev.argus.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.core.correction.CorrectionPlanner;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.server.security.AnonymousHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The admin HTTP server (Jetty), on its own port:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every counter in the Prometheus text format;
 *   <li>{@code GET /healthz}: 200 while the process serves requests at all (liveness);
 *   <li>{@code GET /readyz}: 200 once the receivers are bound, 503 before that and while shutting
 *       down (readiness);
 *   <li>{@code POST /v1/evaluate}: scores one call inline and answers {@code allow} or {@code
 *       block}; 400 for a body that is not a valid request, 413 for one over the limit, 415 for a
 *       body that is not uncompressed JSON in UTF-8 (see {@link RequestContent}).
 * </ul>
 *
 * The three {@code GET} endpoints answer {@code HEAD} alike, without the body. Another path is 404,
 * another method 405 with {@code Allow}. Every endpoint but {@code /healthz} first asks the {@link
 * AdminAccess}. No response names the server software.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(AdminServer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = RequestContent.JSON_TYPE;
  private static final int DRAIN_FACTOR = 4;
  private static final String READ_METHODS = "GET, HEAD";

  /** Path of the Prometheus metrics. */
  public static final String METRICS_PATH = "/metrics";

  /** Path of the liveness check. */
  public static final String HEALTH_PATH = "/healthz";

  /** Path of the readiness check. */
  public static final String READY_PATH = "/readyz";

  /** Path of the inline evaluation API. */
  public static final String EVALUATE_PATH = "/v1/evaluate";

  private enum State {
    STARTING,
    READY,
    STOPPING
  }

  private final AdminConfig config;
  private final ArgusMetrics metrics;
  private final InlineEvaluator evaluator;
  private final AdminAccess access;
  private final Server server;
  private final ServerConnector connector;
  private volatile State state = State.STARTING;

  /**
   * Creates a server; call {@link #start()} to bind.
   *
   * @param evaluator scores inline requests, the same instance the pipeline uses
   * @param access decides who may call the endpoints other than {@code /healthz}
   */
  public AdminServer(
      AdminConfig config, ArgusMetrics metrics, Evaluator evaluator, AdminAccess access) {
    this.config = Objects.requireNonNull(config, "config");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.evaluator =
        new InlineEvaluator(
            Objects.requireNonNull(evaluator, "evaluator"),
            CorrectionPlanner.withDefaults(),
            config);
    this.access = Objects.requireNonNull(access, "access");
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("argus-admin");
    threads.setDaemon(true);
    this.server = new Server(threads);
    this.connector = new ServerConnector(server, 1, 1, AnonymousHttp.connectionFactory());
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);
    server.setHandler(new AdminHandler());
  }

  /**
   * Binds the address and starts serving; {@code /readyz} answers 503 until {@link #markReady()}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public AdminServer start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new UncheckedIOException(
          "cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + " (extensions.admin"
              + ".endpoint): "
              + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    return this;
  }

  /** Returns the bound port, useful when the configured port was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Makes {@code /readyz} answer 200, unless shutdown has begun. */
  public void markReady() {
    if (state == State.STARTING) {
      state = State.READY;
    }
  }

  /** Makes {@code /readyz} answer 503 from now on, so traffic moves away before the drain. */
  public void markStopping() {
    state = State.STOPPING;
  }

  @Override
  public void close() {
    state = State.STOPPING;
    try {
      server.stop();
    } catch (Exception e) {
      // Best effort at shutdown: nothing on this port holds data.
      logger.log(Level.FINE, "admin server stop failed", e);
    }
  }

  /** Routes the four endpoints. */
  private final class AdminHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      try {
        switch (path) {
          case HEALTH_PATH -> {
            if (readable(method, response, callback)) {
              text(response, callback, HttpStatus.OK_200, "ok\n");
            }
          }
          case READY_PATH -> {
            if (readable(method, response, callback) && permitted(request, response, callback)) {
              ready(response, callback);
            }
          }
          case METRICS_PATH -> {
            if (readable(method, response, callback) && permitted(request, response, callback)) {
              metrics(response, callback);
            }
          }
          case EVALUATE_PATH -> {
            if (allowed(method, HttpMethod.POST, response, callback)
                && permitted(request, response, callback)) {
              evaluate(request, response, callback);
            }
          }
          default ->
              error(
                  response,
                  callback,
                  HttpStatus.NOT_FOUND_404,
                  "unknown path "
                      + path
                      + " (expected: "
                      + METRICS_PATH
                      + ", "
                      + HEALTH_PATH
                      + ", "
                      + READY_PATH
                      + " or "
                      + EVALUATE_PATH
                      + ")",
                  List.of());
        }
      } catch (RuntimeException e) {
        // A defect of ours: answer without details, and tell the operator once per occurrence.
        logger.log(Level.WARNING, "admin request failed unexpectedly path=" + path, e);
        error(
            response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error", List.of());
      }
      return true;
    }

    /**
     * Returns whether {@code method} may read a resource. HEAD answers as GET does, status and
     * headers included (RFC 9110, 9.3.2): Jetty leaves out the body a HEAD response writes, so
     * probes and monitors that check with HEAD see the real state.
     */
    private boolean readable(String method, Response response, Callback callback) {
      if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
        return true;
      }
      return refused(method, READ_METHODS, response, callback);
    }

    private boolean allowed(
        String method, HttpMethod expected, Response response, Callback callback) {
      return expected.is(method) || refused(method, expected.asString(), response, callback);
    }

    /** Answers 405 naming the methods in {@code allow}; returns false. */
    private boolean refused(String method, String allow, Response response, Callback callback) {
      response.getHeaders().put(HttpHeader.ALLOW, allow);
      error(
          response,
          callback,
          HttpStatus.METHOD_NOT_ALLOWED_405,
          "method " + method + " (expected: " + allow + ")",
          List.of());
      return false;
    }

    private boolean permitted(Request request, Response response, Callback callback) {
      if (access.permits(request)) {
        return true;
      }
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      error(
          response,
          callback,
          HttpStatus.UNAUTHORIZED_401,
          "missing or invalid credentials",
          List.of());
      return false;
    }

    private void ready(Response response, Callback callback) {
      switch (state) {
        case READY -> text(response, callback, HttpStatus.OK_200, "ready\n");
        case STARTING ->
            text(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "not ready: starting\n");
        default ->
            text(
                response,
                callback,
                HttpStatus.SERVICE_UNAVAILABLE_503,
                "not ready: shutting down\n");
      }
    }

    private void metrics(Response response, Callback callback) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      try {
        metrics.write(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      write(response, callback, HttpStatus.OK_200, ArgusMetrics.CONTENT_TYPE, out.toByteArray());
    }

    private void evaluate(Request request, Response response, Callback callback) {
      String typeProblem =
          RequestContent.typeProblem(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
      if (typeProblem != null) {
        unsupported(response, callback, typeProblem);
        return;
      }
      String encodingProblem =
          RequestContent.encodingProblem(
              request.getHeaders().getValuesList(HttpHeader.CONTENT_ENCODING));
      if (encodingProblem != null) {
        // RFC 9110, 15.5.16: a 415 for a content coding names the codings that are read.
        response.getHeaders().put(HttpHeader.ACCEPT_ENCODING, RequestContent.IDENTITY);
        unsupported(response, callback, encodingProblem);
        return;
      }
      byte[] body;
      try {
        body = body(request);
      } catch (IOException e) {
        metrics.inline().invalid();
        error(
            response,
            callback,
            HttpStatus.BAD_REQUEST_400,
            "cannot read the body: " + e.getMessage(),
            List.of());
        return;
      }
      if (body == null) {
        metrics.inline().invalid();
        error(
            response,
            callback,
            HttpStatus.PAYLOAD_TOO_LARGE_413,
            "body larger than "
                + config.maxRequestBodyBytes()
                + " bytes (extensions.admin"
                + ".evaluate.max_request_body_size_kib)",
            List.of());
        return;
      }
      ScoringInput input;
      try {
        input = EvaluateRequest.parse(body);
      } catch (EvaluateRequest.InvalidException e) {
        metrics.inline().invalid();
        error(
            response,
            callback,
            HttpStatus.BAD_REQUEST_400,
            "invalid evaluation request",
            e.problems());
        return;
      }
      InlineEvaluator.Answer answer = evaluator.evaluate(input);
      metrics.inline().decided(answer.block());
      json(response, callback, HttpStatus.OK_200, answer.body());
    }

    private void unsupported(Response response, Callback callback, String problem) {
      metrics.inline().invalid();
      error(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, problem, List.of());
    }

    /**
     * Returns the body, or null when it is larger than the limit. The rest of an oversized body is
     * read and dropped, up to a bound: closing a connection with unread data resets it, and the
     * client would then never see the 413.
     */
    private byte[] body(Request request) throws IOException {
      int limit = config.maxRequestBodyBytes();
      long drainable = DRAIN_FACTOR * (long) limit;
      try (InputStream in = Content.Source.asInputStream(request)) {
        if (request.getLength() > limit) {
          if (request.getLength() <= drainable) {
            in.skipNBytes(request.getLength());
          }
          return null;
        }
        byte[] body = in.readNBytes(limit + 1);
        if (body.length <= limit) {
          return body;
        }
        in.skip(drainable);
        return null;
      }
    }
  }

  private static void error(
      Response response, Callback callback, int status, String message, List<String> problems) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    if (!problems.isEmpty()) {
      ArrayNode list = body.putArray("problems");
      problems.forEach(list::add);
    }
    json(response, callback, status, body);
  }

  private static void json(Response response, Callback callback, int status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(response, callback, status, JSON_TYPE, bytes);
  }

  private static void text(Response response, Callback callback, int status, String text) {
    write(
        response,
        callback,
        status,
        "text/plain; charset=utf-8",
        text.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(
      Response response, Callback callback, int status, String contentType, byte[] bytes) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
