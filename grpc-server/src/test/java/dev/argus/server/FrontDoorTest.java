package dev.argus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Evaluation;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigException;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import dev.argus.server.testing.RecordingCollector;
import dev.argus.server.testing.TestCertificates;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication, TLS, the concurrency cap and the scoring limits of a running ARGUS, with real
 * clients.
 */
class FrontDoorTest {
  private static final String TOKEN = "test-token-4f1c9a";

  @TempDir static Path certs;
  private static TestCertificates server;
  private static TestCertificates client;

  private RecordingCollector downstream;
  private ArgusServer argus;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private Server tlsDownstream;

  @BeforeAll
  static void createCertificates() throws Exception {
    server = TestCertificates.create(certs, "server");
    client = TestCertificates.create(certs, "client");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (argus != null) {
      argus.close();
    }
    if (downstream != null) {
      downstream.close();
    }
    if (tlsDownstream != null) {
      tlsDownstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void bearerToken_fromEnvironment_rejectsMissingAndWrongTokensAndNeverLogsIt() throws Exception {
    downstream = new RecordingCollector();
    ArgusConfig config =
        load(forwarding("auth: {bearer_token_env: ARGUS_TOKEN}\n"), Map.of("ARGUS_TOKEN", TOKEN));
    start(config);
    ManagedChannel channel = plaintext();

    StatusRuntimeException missing =
        assertThrows(StatusRuntimeException.class, () -> export(channel, null));
    StatusRuntimeException wrong =
        assertThrows(StatusRuntimeException.class, () -> export(channel, "Bearer nope"));
    export(channel, "Bearer " + TOKEN);

    assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
    assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
    assertEquals("authorized", downstream.take().getResourceSpans(0).getScopeSpans(0)
        .getSpans(0).getName());
    assertFalse(config.describe().contains(TOKEN), config.describe());
    assertFalse(config.toString().contains(TOKEN));
  }

  @Test
  void bearerToken_onTheHttpReceiverAnswers401WithoutTheToken() throws Exception {
    downstream = new RecordingCollector();
    String yaml =
        forwarding("auth: {bearer_token_env: ARGUS_TOKEN}\n")
            .replace("  otlp:\n", "  otlp:\n    http: {endpoint: \"127.0.0.1:0\"}\n");
    start(load(yaml, Map.of("ARGUS_TOKEN", TOKEN)));
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + argus.httpPort() + "/v1/traces");
    byte[] body = request("authorized").toByteArray();

    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> authorized =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(401, anonymous.statusCode());
    assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(200, authorized.statusCode());
    downstream.take();
  }

  @Test
  void bearerToken_fromFile() throws Exception {
    downstream = new RecordingCollector();
    Path file = Files.writeString(certs.resolve("token"), TOKEN + "\n");
    start(load(forwarding("auth: {bearer_token_file: \"" + file + "\"}\n"), Map.of()));

    export(plaintext(), "bearer " + TOKEN);

    downstream.take();
  }

  @Test
  void bearerToken_unreadableFileIsAConfigErrorNamingTheFile() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> load("auth: {bearer_token_file: /no/such/token}\n", Map.of()));

    assertTrue(e.getMessage().contains("auth.bearer_token_file: /no/such/token"), e.getMessage());
  }

  @Test
  void tls_receiverServesTlsOnly() throws Exception {
    downstream = new RecordingCollector();
    start(load(forwarding(receiverTls(false), ""), Map.of()));

    export(tlsChannel(false), null);
    StatusRuntimeException plain =
        assertThrows(StatusRuntimeException.class, () -> export(plaintext(), null));

    downstream.take();
    assertEquals(Status.Code.UNAVAILABLE, plain.getStatus().getCode());
  }

  @Test
  void mutualTls_receiverRequiresAClientCertificate() throws Exception {
    downstream = new RecordingCollector();
    start(load(forwarding(receiverTls(true), ""), Map.of()));

    StatusRuntimeException anonymous =
        assertThrows(StatusRuntimeException.class, () -> export(tlsChannel(false), null));
    export(tlsChannel(true), null);

    assertEquals(Status.Code.UNAVAILABLE, anonymous.getStatus().getCode());
    downstream.take();
  }

  @Test
  void tls_httpReceiverServesHttpsOnly() throws Exception {
    downstream = new RecordingCollector();
    start(load(forwardingWithHttpTls(false), Map.of()));

    assertThrows(IOException.class, () -> postTraces("http", httpsClient(false)));
    assertEquals(200, postTraces("https", httpsClient(false)));

    downstream.take();
  }

  @Test
  void tls_httpReceiverNamesNoServer() throws Exception {
    downstream = new RecordingCollector();
    start(load(forwardingWithHttpTls(false), Map.of()));
    URI uri = URI.create("https://127.0.0.1:" + argus.httpPort() + "/v1/traces");

    HttpResponse<String> response =
        httpsClient(false)
            .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(405, response.statusCode());
    assertEquals(Optional.empty(), response.headers().firstValue("Server"));
    assertEquals(Optional.empty(), response.headers().firstValue("X-Powered-By"));
  }

  @Test
  void mutualTls_httpReceiverRequiresAClientCertificate() throws Exception {
    downstream = new RecordingCollector();
    start(load(forwardingWithHttpTls(true), Map.of()));

    assertThrows(IOException.class, () -> postTraces("https", httpsClient(false)));
    assertEquals(200, postTraces("https", httpsClient(true)));

    downstream.take();
  }

  @Test
  void tls_exporterTrustsTheConfiguredCaAndPresentsItsClientCertificate() throws Exception {
    BlockingQueue<ExportTraceServiceRequest> received = new LinkedBlockingQueue<>();
    tlsDownstream =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.configure(
                        SslContextBuilder.forServer(
                                server.certFile().toFile(), server.keyFile().toFile())
                            .trustManager(client.certFile().toFile())
                            .clientAuth(
                                io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth.REQUIRE))
                    .build())
            .addService(
                new TraceServiceGrpc.TraceServiceImplBase() {
                  @Override
                  public void export(
                      ExportTraceServiceRequest request,
                      StreamObserver<ExportTraceServiceResponse> response) {
                    received.add(request);
                    response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter:\n"
            + "  otlp:\n"
            + "    endpoint: \"https://127.0.0.1:" + tlsDownstream.getPort() + "\"\n"
            + "    tls:\n"
            + "      ca_file: \"" + server.certFile() + "\"\n"
            + "      cert_file: \"" + client.certFile() + "\"\n"
            + "      key_file: \"" + client.keyFile() + "\"\n";
    start(load(yaml, Map.of()));

    export(plaintext(), null);

    assertEquals(1, received.poll(10, TimeUnit.SECONDS).getResourceSpansCount());
  }

  @Test
  void concurrencyCap_refusesRetryablyBeyondTheLimit() throws Exception {
    downstream = new RecordingCollector();
    CountDownLatch release = new CountDownLatch(1);
    downstream.holdUntil(release);
    start(load(forwarding("      max_concurrent_requests: 2\n", ""), Map.of()));
    ManagedChannel channel = plaintext();
    var stub = TraceServiceGrpc.newFutureStub(channel);
    var first = stub.export(request("one"));
    var second = stub.export(request("two"));
    Thread.sleep(300);

    StatusRuntimeException third =
        assertThrows(StatusRuntimeException.class, () -> export(channel, null));
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);
    export(channel, null);

    assertEquals(Status.Code.UNAVAILABLE, third.getStatus().getCode());
    assertTrue(third.getStatus().getDescription().contains("max_concurrent_requests=2"));
  }

  @Test
  void attributesPerSpan_onlyTheTooLargeSpanIsRejectedAsAPartialSuccess() throws Exception {
    downstream = new RecordingCollector();
    String limited =
        forwarding("")
            .replace(
                "  otlp:\n",
                "  otlp:\n    max_attributes_per_span: 3\n"
                    + "    http: {endpoint: \"127.0.0.1:0\"}\n");
    start(load(limited, Map.of()));

    ExportTraceServiceResponse grpc =
        TraceServiceGrpc.newBlockingStub(plaintext())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .export(wideAndNarrow("grpc-mate"));
    HttpResponse<byte[]> http =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + argus.httpPort() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            wideAndNarrow("http-mate").toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, http.statusCode());
    ExportTraceServiceResponse overHttp = ExportTraceServiceResponse.parseFrom(http.body());
    for (ExportTraceServiceResponse response : List.of(grpc, overHttp)) {
      assertEquals(1, response.getPartialSuccess().getRejectedSpans(), response.toString());
      String message = response.getPartialSuccess().getErrorMessage();
      assertTrue(message.contains("spans[0] has 4 attributes"), message);
      assertTrue(message.contains("max_attributes_per_span=3"), message);
    }
    List<String> delivered = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      for (Span span : downstream.take().getResourceSpans(0).getScopeSpans(0).getSpansList()) {
        delivered.add(span.getName());
      }
    }
    delivered.sort(null);
    assertEquals(List.of("grpc-mate", "http-mate"), delivered);
  }

  /** A request with a span of 4 attributes followed by a plain span named {@code mate}. */
  private static ExportTraceServiceRequest wideAndNarrow(String mate) {
    Span.Builder wide = withIds(Span.newBuilder().setName("wide"));
    for (int i = 0; i < 4; i++) {
      wide.addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("k" + i));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(wide)
                        .addSpans(withIds(Span.newBuilder().setName(mate)))))
        .build();
  }

  @Test
  void scoringTextLimit_scorersSeeTheBeginningAndTheSpanSaysSoWithItsTextIntact()
      throws Exception {
    downstream = new RecordingCollector();
    BlockingQueue<String> scoredCompletions = new LinkedBlockingQueue<>();
    argus =
        ArgusServer.start(
            load(forwarding("scoring: {max_text_chars: 100}\n"), Map.of()),
            GenAiExtractor.standard(),
            input -> {
              scoredCompletions.add(input.call().completion());
              return Evaluation.notEvaluated("default", "not scored in this test");
            },
            EvaluatedSpanListener.NONE);
    String completion = "x".repeat(1_000);
    io.opentelemetry.proto.common.v1.KeyValue output =
        stringAttribute(
            "gen_ai.output.messages",
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                + completion
                + "\"}],\"finish_reason\":\"stop\"}]");
    Span chat =
        withIds(Span.newBuilder().setName("chat m"))
            .addAttributes(stringAttribute("gen_ai.operation.name", "chat"))
            .addAttributes(stringAttribute("gen_ai.request.model", "m"))
            .addAttributes(output)
            .build();

    TraceServiceGrpc.newBlockingStub(plaintext())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                    ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(chat)))
                .build());

    assertEquals("x".repeat(100), scoredCompletions.poll(10, TimeUnit.SECONDS));
    Span forwarded = downstream.take().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    Map<String, io.opentelemetry.proto.common.v1.AnyValue> attributes = new java.util.HashMap<>();
    forwarded.getAttributesList().forEach(kv -> attributes.put(kv.getKey(), kv.getValue()));
    assertTrue(attributes.get("argus.scoring.truncated").getBoolValue(), attributes.toString());
    assertEquals(100, attributes.get("argus.scoring.scanned_chars").getIntValue());
    assertEquals(1_000, attributes.get("argus.scoring.total_chars").getIntValue());
    assertEquals(output.getValue(), attributes.get("gen_ai.output.messages"));
  }

  private static io.opentelemetry.proto.common.v1.KeyValue stringAttribute(
      String key, String value) {
    return io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
        .setKey(key)
        .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private String forwarding(String extra) {
    return forwarding("", extra);
  }

  /** Returns a config forwarding to the downstream; {@code grpc} holds receiver lines. */
  private String forwarding(String grpc, String extra) {
    return "receivers:\n  otlp:\n    grpc:\n      endpoint: \"127.0.0.1:0\"\n"
        + grpc
        + "exporter: {otlp: {endpoint: \""
        + downstream.endpoint()
        + "\", tls: {insecure: true}, timeout: 2s}}\n"
        + extra;
  }

  private static String receiverTls(boolean clientCertificates) {
    return "      tls:\n"
        + "        cert_file: \"" + server.certFile() + "\"\n"
        + "        key_file: \"" + server.keyFile() + "\"\n"
        + (clientCertificates ? "        client_ca_file: \"" + client.certFile() + "\"\n" : "");
  }

  private String forwardingWithHttpTls(boolean clientCertificates) {
    return forwarding("")
        .replace(
            "  otlp:\n",
            "  otlp:\n    http:\n      endpoint: \"127.0.0.1:0\"\n"
                + receiverTls(clientCertificates));
  }

  /** Posts one trace request to the HTTP receiver and returns the status. */
  private int postTraces(String scheme, HttpClient http) throws Exception {
    URI uri = URI.create(scheme + "://127.0.0.1:" + argus.httpPort() + "/v1/traces");
    return http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request("https").toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static HttpClient httpsClient(boolean withClientCertificate) throws Exception {
    SslContextBuilder ssl =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .trustManager(server.certFile().toFile());
    if (withClientCertificate) {
      ssl.keyManager(client.certFile().toFile(), client.keyFile().toFile());
    }
    SSLContext context = ((JdkSslContext) ssl.build()).context();
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static ArgusConfig load(String yaml, Map<String, String> env) {
    return new ConfigLoader(env::get).parse(yaml, "test");
  }

  private void start(ArgusConfig config) {
    argus =
        ArgusServer.start(
            config,
            new GenAiExtractor(List.of()),
            input -> Evaluation.notEvaluated("default", "not scored in this test"),
            EvaluatedSpanListener.NONE);
  }

  private ManagedChannel plaintext() {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  private ManagedChannel tlsChannel(boolean withClientCertificate) throws Exception {
    SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(server.certFile().toFile());
    if (withClientCertificate) {
      ssl.keyManager(client.certFile().toFile(), client.keyFile().toFile());
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", argus.port()).sslContext(ssl.build()).build();
    channels.add(channel);
    return channel;
  }

  private static void export(ManagedChannel channel, String authorization) {
    var stub = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (authorization != null) {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          authorization);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    stub.export(request("authorized"));
  }

  private static ExportTraceServiceRequest request(String name) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder().addSpans(withIds(Span.newBuilder().setName(name)))))
        .build();
  }

  /** Gives {@code span} valid (random, non-zero) trace and span ids. */
  private static Span.Builder withIds(Span.Builder span) {
    byte[] traceId = new byte[16];
    byte[] spanId = new byte[8];
    ThreadLocalRandom.current().nextBytes(traceId);
    ThreadLocalRandom.current().nextBytes(spanId);
    traceId[0] = 1;
    spanId[0] = 1;
    return span
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId));
  }
}
