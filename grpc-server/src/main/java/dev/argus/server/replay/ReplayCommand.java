package dev.argus.server.replay;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends the trace requests of a file to an OTLP/gRPC endpoint over plaintext, so a pipeline can be
 * tried without an instrumented application.
 */
public final class ReplayCommand {
  private final Duration timeout;

  /** Creates a command whose sends each time out after {@code timeout}. */
  public ReplayCommand(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Sends every request in {@code file} to {@code endpoint} ({@code host:port} or {@code
   * http://host:port}) and reports to {@code out}; returns the process exit code: 0 when all were
   * accepted.
   */
  public int run(Path file, String endpoint, PrintStream out) {
    List<ExportTraceServiceRequest> requests;
    try {
      requests = TraceRequestFiles.read(file);
    } catch (IOException | IllegalArgumentException e) {
      out.println("replay: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    // Accept the http:// form that SDK and collector settings use for the same address.
    String target = endpoint.replaceFirst("^http://", "");
    ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
      int spans = 0;
      for (ExportTraceServiceRequest request : requests) {
        stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).export(request);
        spans += spanCount(request);
      }
      out.println(
          "replay: sent " + requests.size() + " request(s), " + spans + " span(s) to " + endpoint);
      return 0;
    } catch (StatusRuntimeException e) {
      out.println("replay: " + endpoint + " answered " + e.getStatus());
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  private static int spanCount(ExportTraceServiceRequest request) {
    int count = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        count += scopeSpans.getSpansCount();
      }
    }
    return count;
  }
}
