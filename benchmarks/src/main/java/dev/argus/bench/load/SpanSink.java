package dev.argus.bench.load;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The downstream collector of the load test: a real OTLP/gRPC {@code TraceService} on 127.0.0.1
 * that accepts every export and counts the spans.
 *
 * <p>Every {@value #SAMPLE_EVERY}th request is fully parsed to count the spans that were really
 * scored: those whose {@code argus.verdict} is {@code pass} or {@code fail}. A span forwarded
 * {@code not_evaluated} (over its time budget, say) carries {@code argus.*} attributes too, but
 * does not count, so a throughput figure cannot hide spans that were let through unscored. Protocol
 * with the parent on stdin/stdout: prints {@code LISTENING <port>} once ready; answers each {@code
 * stats} line with {@code STATS <spans> <requests> <sampledSpans> <enrichedSpans>}; exits when
 * stdin closes, so it never outlives the load command.
 *
 * <p>Run alone: {@code java -cp benchmarks.jar dev.argus.bench.load.SpanSink [port]}.
 */
public final class SpanSink {
  static final int SAMPLE_EVERY = 50;

  private final AtomicLong spans = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong sampledSpans = new AtomicLong();
  private final AtomicLong enrichedSpans = new AtomicLong();

  private SpanSink() {}

  /** Starts the sink on the port given as the only argument (default 0: any free port). */
  public static void main(String[] args) throws Exception {
    int port = port(args);
    if (port < 0) {
      System.err.println(
          "usage: java -cp benchmarks/target/benchmarks.jar "
              + "dev.argus.bench.load.SpanSink [port]   (stays up while stdin is open; "
              + "answers a 'stats' line with its counts)");
      System.exit(args.length == 1 && args[0].equals("--help") ? 0 : 2);
    }
    SpanSink sink = new SpanSink();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .maxInboundMessageSize(ChildProcess.MAX_MESSAGE_BYTES)
            .addService(sink.service())
            .addService(logsService())
            .build()
            .start();
    System.out.println("LISTENING " + server.getPort());
    System.out.flush();
    sink.serveStats();
    server.shutdownNow();
  }

  // The port to bind (0 for any free one), or -1 when the arguments are not a single port.
  private static int port(String[] args) {
    if (args.length == 0) {
      return 0;
    }
    if (args.length > 1 || !args[0].matches("\\d{1,5}")) {
      return -1;
    }
    int port = Integer.parseInt(args[0]);
    return port <= 65_535 ? port : -1;
  }

  private ServerServiceDefinition service() {
    return ServerServiceDefinition.builder(TraceServiceGrpc.SERVICE_NAME)
        .addMethod(TraceExport.METHOD, ServerCalls.asyncUnaryCall(this::export))
        .build();
  }

  // Evaluation log records are accepted and not counted: the figures are about spans.
  private static ServerServiceDefinition logsService() {
    return ServerServiceDefinition.builder(LogsServiceGrpc.SERVICE_NAME)
        .addMethod(
            TraceExport.LOGS_METHOD,
            ServerCalls.asyncUnaryCall(
                (request, response) -> {
                  response.onNext(TraceExport.EMPTY_RESPONSE);
                  response.onCompleted();
                }))
        .build();
  }

  private void export(byte[] request, StreamObserver<byte[]> response) {
    try {
      int count = TraceExport.countSpans(request);
      if (requests.incrementAndGet() % SAMPLE_EVERY == 0) {
        sample(request);
      }
      spans.addAndGet(count);
      response.onNext(TraceExport.EMPTY_RESPONSE);
      response.onCompleted();
    } catch (IOException e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("bad request").asException());
    }
  }

  private void sample(byte[] encoded) throws IOException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(encoded);
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          sampledSpans.incrementAndGet();
          if (isScored(span)) {
            enrichedSpans.incrementAndGet();
          }
        }
      }
    }
  }

  private static boolean isScored(Span span) {
    for (KeyValue attribute : span.getAttributesList()) {
      if (attribute.getKey().equals("argus.verdict")) {
        String verdict = attribute.getValue().getStringValue();
        return verdict.equals("pass") || verdict.equals("fail");
      }
    }
    return false;
  }

  private void serveStats() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.trim().equals("stats")) {
        System.out.println(
            "STATS "
                + spans.get()
                + " "
                + requests.get()
                + " "
                + sampledSpans.get()
                + " "
                + enrichedSpans.get());
        System.out.flush();
      }
    }
  }
}
