package dev.argus.server.testing;

import com.google.protobuf.ByteString;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Evaluator;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.server.ArgusServer;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.pipeline.EvaluatedSpanListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An ARGUS started from a test's own YAML, for tests of what its receivers let in: writes configs
 * that forward to a {@link RecordingCollector}, opens client channels to the gRPC receiver, and on
 * {@link #close()} shuts the channels down before the server and the downstream, so no call is in
 * flight while they stop. Not thread-safe; one per test.
 */
public final class FrontDoorFixture implements AutoCloseable {
  private final List<ManagedChannel> channels = new ArrayList<>();
  private RecordingCollector downstream;
  private ArgusServer argus;

  /** Starts the downstream collector that {@link #forwarding} configs point at, and returns it. */
  public RecordingCollector startDownstream() throws IOException {
    downstream = new RecordingCollector();
    return downstream;
  }

  /** Returns a config forwarding to the downstream, with {@code extra} top-level lines appended. */
  public String forwarding(String extra) {
    return forwarding("", extra);
  }

  /** Returns a config forwarding to the downstream; {@code grpc} holds receiver lines. */
  public String forwarding(String grpc, String extra) {
    return "receivers:\n  otlp:\n    grpc:\n      endpoint: \"127.0.0.1:0\"\n"
        + grpc
        + "exporter: {otlp: {endpoint: \""
        + downstream.endpoint()
        + "\", tls: {insecure: true}, timeout: 2s}}\n"
        + extra;
  }

  /**
   * Parses {@code yaml}, resolving environment references from {@code env}.
   *
   * @throws dev.argus.server.config.ConfigException when the config is invalid
   */
  public static ArgusConfig load(String yaml, Map<String, String> env) {
    return new ConfigLoader(env::get).parse(yaml, "test");
  }

  /** Starts ARGUS with {@code config}, extracting and scoring nothing. */
  public void start(ArgusConfig config) {
    start(
        config,
        new GenAiExtractor(List.of()),
        input -> Evaluation.notEvaluated("default", "not scored in this test"));
  }

  /** Starts ARGUS with {@code config}, {@code extractor} and {@code evaluator}. */
  public void start(ArgusConfig config, GenAiExtractor extractor, Evaluator evaluator) {
    argus = ArgusServer.start(config, extractor, evaluator, EvaluatedSpanListener.NONE);
  }

  /** Returns the port of the running ARGUS's gRPC receiver. */
  public int grpcPort() {
    return argus.port();
  }

  /** Returns the port of the running ARGUS's HTTP receiver. */
  public int httpPort() {
    return argus.httpPort();
  }

  /** Returns a plaintext channel to the gRPC receiver, shut down on {@link #close()}. */
  public ManagedChannel plaintext() {
    return track(NettyChannelBuilder.forAddress("127.0.0.1", grpcPort()).usePlaintext().build());
  }

  /** Returns {@code channel}, which will be shut down on {@link #close()}. */
  public ManagedChannel track(ManagedChannel channel) {
    channels.add(channel);
    return channel;
  }

  /**
   * Exports {@link #request request("authorized")} over {@code channel} with a 10 s deadline,
   * sending {@code authorization} as the header of that name unless it is null.
   *
   * @throws io.grpc.StatusRuntimeException when the call fails
   */
  public static void export(ManagedChannel channel, String authorization) {
    var stub = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (authorization != null) {
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    stub.export(request("authorized"));
  }

  /** Returns a request holding one span named {@code name}. */
  public static ExportTraceServiceRequest request(String name) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder().addSpans(withIds(Span.newBuilder().setName(name)))))
        .build();
  }

  /** Gives {@code span} valid (random, non-zero) trace and span ids. */
  public static Span.Builder withIds(Span.Builder span) {
    byte[] traceId = new byte[16];
    byte[] spanId = new byte[8];
    ThreadLocalRandom.current().nextBytes(traceId);
    ThreadLocalRandom.current().nextBytes(spanId);
    traceId[0] = 1;
    spanId[0] = 1;
    return span.setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId));
  }

  @Override
  public void close() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (argus != null) {
      argus.close();
    }
    if (downstream != null) {
      downstream.close();
    }
  }
}
