package dev.argus.server.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import dev.argus.server.export.ExportException;
import dev.argus.server.otlp.OtlpJson;
import dev.argus.server.security.AnonymousHttp;
import dev.argus.server.security.BearerTokenAuthenticator;
import dev.argus.server.security.BearerTokenHandler;
import dev.argus.server.security.ServerTlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Receives OTLP exports over HTTP (Jetty): {@code POST /v1/traces} and {@code POST /v1/logs},
 * bodies {@code application/x-protobuf} or {@code application/json}, optionally {@code
 * Content-Encoding: gzip}. Each request is answered in its own encoding, only after its handler
 * delivered it, with the status codes of the OTLP specification:
 *
 * <ul>
 *   <li>200 with the export response; a partial success names the spans or log records that were
 *       malformed and left out;
 *   <li>400 with a {@code google.rpc.Status} body for a body that cannot be read at all, a body
 *       that is not the gzip it claims, or a request the destination rejected as invalid (do not
 *       retry);
 *   <li>404 for another path, 405 (with {@code Allow: POST}) for another method, 413 for a body
 *       larger than the limit after decompression, 415 for another content type or encoding;
 *   <li>429 with {@code Retry-After} when too many requests are in flight, 503 with {@code
 *       Retry-After} when the destination failed in a way a retry may fix.
 * </ul>
 *
 * <p>Bodies are read on Jetty's threads. Trace requests are then decoded and handed on by the
 * bounded {@link TraceThreads}, as on gRPC; log requests go on at once on the thread that read
 * them.
 */
public final class OtlpHttpReceiver implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(OtlpHttpReceiver.class.getName());

  /** Path of trace exports. */
  public static final String TRACES_PATH = "/v1/traces";

  /** Path of log exports. */
  public static final String LOGS_PATH = "/v1/logs";

  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  private final OtlpHttpReceiverConfig config;
  private final Server server;
  private final ServerConnector connector;
  private final ExecutorService traceExecutor = TraceThreads.start("argus-otlp-http-traces");

  /** Creates a receiver; call {@link #start()} to bind. */
  public OtlpHttpReceiver(
      OtlpHttpReceiverConfig config,
      TraceRequestHandler traces,
      LogRequestHandler logs,
      ReceiverCounters counters) {
    this(config, traces, logs, counters, null);
  }

  /**
   * Creates a receiver that, when {@code authenticator} is not null, answers 401 to requests
   * without the bearer token; call {@link #start()} to bind.
   */
  public OtlpHttpReceiver(
      OtlpHttpReceiverConfig config,
      TraceRequestHandler traces,
      LogRequestHandler logs,
      ReceiverCounters counters,
      BearerTokenAuthenticator authenticator) {
    this(config, traces, logs, counters, authenticator, null);
  }

  /**
   * Creates a receiver that, when {@code tls} is not null, serves HTTPS only (requiring a client
   * certificate when {@code tls} names client authorities) and, when {@code authenticator} is not
   * null, answers 401 to requests without the bearer token; call {@link #start()} to bind.
   *
   * @throws UncheckedIOException when the TLS files cannot be read
   */
  public OtlpHttpReceiver(
      OtlpHttpReceiverConfig config,
      TraceRequestHandler traces,
      LogRequestHandler logs,
      ReceiverCounters counters,
      BearerTokenAuthenticator authenticator,
      ServerTlsConfig tls) {
    this.config = Objects.requireNonNull(config, "config");
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("argus-otlp-http");
    threads.setDaemon(true);
    this.server = new Server(threads);
    this.connector =
        tls == null
            ? new ServerConnector(server, AnonymousHttp.connectionFactory())
            : new ServerConnector(server, sslFactory(tls), AnonymousHttp.connectionFactory());
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);
    Handler export =
        new ExportHandler(
            config,
            Objects.requireNonNull(traces, "traces"),
            Objects.requireNonNull(logs, "logs"),
            Objects.requireNonNull(counters, "counters"),
            traceExecutor);
    server.setHandler(
        new GracefulHandler(
            authenticator == null ? export : new BearerTokenHandler(export, authenticator)));
  }

  private static SslContextFactory.Server sslFactory(ServerTlsConfig tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    try {
      factory.setSslContext(tls.jdkServerContext());
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
    factory.setNeedClientAuth(tls.clientCaFile() != null);
    return factory;
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public OtlpHttpReceiver start() {
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly();
      throw new UncheckedIOException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    return this;
  }

  /** Returns the bound port, useful when the configured port was 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting requests and waits up to {@code timeoutMillis} for those in flight. */
  public void shutdown(long timeoutMillis) {
    server.setStopTimeout(timeoutMillis);
    stopQuietly();
  }

  @Override
  public void close() {
    shutdown(5_000);
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping is best effort; whatever was in flight has had its grace period.
      Thread.currentThread().interrupt();
    } finally {
      // After the server: requests still in flight finish on these threads.
      traceExecutor.shutdown();
    }
  }

  /** The one handler: routing, limits, decoding, dispatch and the answer. */
  private static final class ExportHandler extends Handler.Abstract {
    private final OtlpHttpReceiverConfig config;
    private final TraceRequestHandler traces;
    private final LogRequestHandler logs;
    private final ReceiverCounters counters;
    private final Executor traceExecutor;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final String retryAfterSeconds;

    ExportHandler(
        OtlpHttpReceiverConfig config,
        TraceRequestHandler traces,
        LogRequestHandler logs,
        ReceiverCounters counters,
        Executor traceExecutor) {
      this.config = config;
      this.traces = traces;
      this.logs = logs;
      this.counters = counters;
      this.traceExecutor = traceExecutor;
      long seconds = (config.retryAfter().toMillis() + 999) / 1000;
      this.retryAfterSeconds = Long.toString(seconds);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String mediaType = mediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
      boolean json = JSON.equals(mediaType);
      boolean isTraces = TRACES_PATH.equals(path);
      if (!isTraces && !LOGS_PATH.equals(path)) {
        fail(
            response,
            callback,
            json,
            HttpStatus.NOT_FOUND_404,
            Code.NOT_FOUND,
            "unknown path " + path + " (expected: " + TRACES_PATH + " or " + LOGS_PATH + ")");
        return true;
      }
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        fail(
            response,
            callback,
            json,
            HttpStatus.METHOD_NOT_ALLOWED_405,
            Code.UNIMPLEMENTED,
            "method " + request.getMethod() + " (expected: POST)");
        return true;
      }
      if (!json && !PROTOBUF.equals(mediaType)) {
        fail(
            response,
            callback,
            true,
            HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
            Code.INVALID_ARGUMENT,
            "Content-Type " + mediaType + " (expected: " + PROTOBUF + " or " + JSON + ")");
        return true;
      }
      String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
      boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
      if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
        fail(
            response,
            callback,
            json,
            HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
            Code.INVALID_ARGUMENT,
            "Content-Encoding " + encoding + " (expected: gzip or none)");
        return true;
      }
      if (request.getLength() > config.maxRequestBodyBytes()) {
        fail(
            response,
            callback,
            json,
            HttpStatus.PAYLOAD_TOO_LARGE_413,
            Code.RESOURCE_EXHAUSTED,
            "body of "
                + request.getLength()
                + " bytes is larger than "
                + config.maxRequestBodyBytes());
        return true;
      }
      if (inFlight.incrementAndGet() > config.maxConcurrentRequests()) {
        inFlight.decrementAndGet();
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        fail(
            response,
            callback,
            json,
            HttpStatus.TOO_MANY_REQUESTS_429,
            Code.RESOURCE_EXHAUSTED,
            "too many requests in flight (" + config.maxConcurrentRequests() + "); retry later");
        return true;
      }
      byte[] body;
      try {
        body = read(request, gzip);
      } catch (IOException | RuntimeException e) {
        answer(response, callback, json, CompletableFuture.failedFuture(unreadable(e, path)));
        return true;
      }
      // A trace request waits for one of the bounded trace threads as the bytes it came in; a log
      // request is decoded on this thread, so it never queues behind spans waiting for it.
      Executor executor = isTraces ? traceExecutor : Runnable::run;
      try {
        executor.execute(
            () -> answer(response, callback, json, export(body, isTraces, json, path)));
      } catch (RejectedExecutionException e) {
        answer(response, callback, json, CompletableFuture.failedFuture(stopping()));
      }
      return true;
    }

    private byte[] read(Request request, boolean gzip) throws IOException {
      try (InputStream in = Content.Source.asInputStream(request)) {
        return BodyReader.read(in, gzip, config.maxRequestBodyBytes());
      }
    }

    private HttpFailure unreadable(Exception e, String path) {
      if (e instanceof BodyReader.TooLargeException) {
        return new HttpFailure(
            HttpStatus.PAYLOAD_TOO_LARGE_413, Code.RESOURCE_EXHAUSTED, e.getMessage());
      }
      if (e instanceof BodyReader.BadEncodingException) {
        counters.invalid(e.getMessage());
        return new HttpFailure(HttpStatus.BAD_REQUEST_400, Code.INVALID_ARGUMENT, e.getMessage());
      }
      if (e instanceof IOException) {
        return new HttpFailure(
            HttpStatus.BAD_REQUEST_400,
            Code.INVALID_ARGUMENT,
            "cannot read the body: " + e.getMessage());
      }
      return internalError(e, path);
    }

    // A defect of ours: answered without a stack trace, and logged for the operator.
    private static HttpFailure internalError(Exception e, String path) {
      logger.log(Level.WARNING, "OTLP/HTTP request failed unexpectedly path=" + path, e);
      return new HttpFailure(
          HttpStatus.INTERNAL_SERVER_ERROR_500,
          Code.INTERNAL,
          "internal error while reading the request");
    }

    private static HttpFailure stopping() {
      return new HttpFailure(
          HttpStatus.SERVICE_UNAVAILABLE_503, Code.UNAVAILABLE, "the receiver is shutting down");
    }

    /** Decodes {@code body} and hands it to its handler; never throws. */
    private CompletableFuture<? extends Message> export(
        byte[] body, boolean isTraces, boolean json, String path) {
      try {
        return isTraces
            ? Dispatch.traces(decode(OtlpRequestDecoder.TRACES, body, json), traces, counters)
            : Dispatch.logs(decode(OtlpRequestDecoder.LOGS, body, json), logs, counters);
      } catch (InvalidRequestException e) {
        counters.invalid(e.getMessage());
        return CompletableFuture.failedFuture(
            new HttpFailure(HttpStatus.BAD_REQUEST_400, Code.INVALID_ARGUMENT, e.getMessage()));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(internalError(e, path));
      }
    }

    /** Writes the answer once {@code answered} completes, and ends the request's turn in flight. */
    private void answer(
        Response response,
        Callback callback,
        boolean json,
        CompletableFuture<? extends Message> answered) {
      answered.whenComplete(
          (message, failure) -> {
            inFlight.decrementAndGet();
            if (failure == null) {
              write(response, callback, json, HttpStatus.OK_200, message);
            } else {
              failed(response, callback, json, failure);
            }
          });
    }

    private static <R extends Message> Decoded<R> decode(
        OtlpRequestDecoder<R> decoder, byte[] body, boolean json) throws InvalidRequestException {
      return json ? decoder.decodeJson(body) : decoder.decodeProtobuf(ByteString.copyFrom(body));
    }

    private void failed(Response response, Callback callback, boolean json, Throwable failure) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof HttpFailure http) {
        fail(response, callback, json, http.status, http.code, http.getMessage());
      } else if (cause instanceof ExportException export && !export.retryable()) {
        fail(
            response,
            callback,
            json,
            HttpStatus.BAD_REQUEST_400,
            Code.INVALID_ARGUMENT,
            export.getMessage());
      } else {
        // The destination failed or ARGUS is overloaded: the sender keeps the data and retries.
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        fail(
            response,
            callback,
            json,
            HttpStatus.SERVICE_UNAVAILABLE_503,
            Code.UNAVAILABLE,
            cause instanceof ExportException ? cause.getMessage() : "export failed: " + cause);
      }
    }

    private static void fail(
        Response response, Callback callback, boolean json, int status, Code code, String text) {
      com.google.rpc.Status body =
          com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(text).build();
      write(response, callback, json, status, body);
    }

    private static void write(
        Response response, Callback callback, boolean json, int status, Message message) {
      byte[] bytes =
          json ? OtlpJson.print(message).getBytes(StandardCharsets.UTF_8) : message.toByteArray();
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? JSON : PROTOBUF);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static String mediaType(String contentType) {
      if (contentType == null) {
        return "(none)";
      }
      int semicolon = contentType.indexOf(';');
      String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
      return type.trim().toLowerCase(Locale.ROOT);
    }
  }

  /** A failure answered with a given HTTP status. */
  private static final class HttpFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Code code;

    HttpFailure(int status, Code code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
