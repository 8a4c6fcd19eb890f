package dev.argus.server.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.argus.server.config.Durations;
import dev.argus.server.export.PartialSuccess;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends the trace or log requests of a file to an OTLP/gRPC endpoint over plaintext, so a pipeline
 * can be tried without an instrumented application.
 */
public final class ReplayCommand {
  // The export methods with bytes in and out: a file's protobuf goes out exactly as it is.
  private static final MethodDescriptor<byte[], byte[]> TRACES_EXPORT =
      export(TraceServiceGrpc.getExportMethod().getFullMethodName());
  private static final MethodDescriptor<byte[], byte[]> LOGS_EXPORT =
      export(LogsServiceGrpc.getExportMethod().getFullMethodName());

  private final Duration timeout;

  /** Creates a command whose sends each time out after {@code timeout}. */
  public ReplayCommand(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Sends every request in {@code file} to {@code endpoint} ({@code host:port} or {@code
   * http://host:port}) and reports to {@code out}, problems included; returns the process exit
   * code: 0 when all were accepted.
   */
  public int run(Path file, String endpoint, PrintStream out) {
    return run(file, endpoint, out, out);
  }

  /**
   * Sends every request in {@code file} to {@code endpoint} as {@link #run(Path, String,
   * PrintStream)} does, reporting success to {@code out} and each problem as one line to {@code
   * err}: 2 when the file is unusable, 1 when the endpoint cannot be reached, refused a request, or
   * accepted one but rejected some of its items (an OTLP partial success).
   */
  public int run(Path file, String endpoint, PrintStream out, PrintStream err) {
    List<ReplayFiles.Request> requests;
    try {
      requests = ReplayFiles.read(file);
    } catch (IOException e) {
      err.println("replay: cannot read " + file + ": " + IoProblems.describe(e));
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("replay: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    // Accept the http:// form that SDK and collector settings use for the same address.
    String target = endpoint.replaceFirst("^http://", "");
    ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      Map<ReplayFiles.Signal, Integer> items = new EnumMap<>(ReplayFiles.Signal.class);
      List<String> warnings = new ArrayList<>();
      boolean rejected = false;
      boolean unread = false;
      for (ReplayFiles.Request request : requests) {
        byte[] answer =
            ClientCalls.blockingUnaryCall(
                channel,
                request.signal() == ReplayFiles.Signal.LOGS ? LOGS_EXPORT : TRACES_EXPORT,
                CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS),
                request.body());
        PartialSuccess partial = partialSuccess(request.signal(), answer);
        if (!partial.isFullSuccess()) {
          warnings.add(describe(partial, request.signal()));
          rejected |= partial.rejected() > 0;
        }
        unread |= request.items() < 0;
        items.merge(request.signal(), Math.max(0, request.items()), Integer::sum);
      }
      StringBuilder sent = new StringBuilder("replay: sent " + requests.size() + " request(s)");
      for (Map.Entry<ReplayFiles.Signal, Integer> signal : items.entrySet()) {
        sent.append(", ").append(signal.getValue()).append(' ').append(signal.getKey().items);
      }
      if (unread) {
        sent.append(" (protobuf sent unread: it does not decode strictly)");
      }
      out.println(sent.append(" to ").append(endpoint));
      // Accepted with items refused: the request arrived, but not all of it was taken.
      for (String warning : warnings) {
        err.println("replay: " + endpoint + " " + warning);
      }
      return rejected ? 1 : 0;
    } catch (StatusRuntimeException e) {
      err.println("replay: " + describe(endpoint, e.getStatus()));
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  private static MethodDescriptor<byte[], byte[]> export(String fullMethodName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(RawBytesMarshaller.INSTANCE)
        .setResponseMarshaller(RawBytesMarshaller.INSTANCE)
        .build();
  }

  // An OTLP server accepts a request with OK and may still report in its answer how many items
  // it rejected, and why, or warn with none rejected. An answer that is not a response message
  // reports nothing: the request was accepted.
  private static PartialSuccess partialSuccess(ReplayFiles.Signal signal, byte[] answer) {
    try {
      return signal == ReplayFiles.Signal.LOGS
          ? PartialSuccess.of(ExportLogsServiceResponse.parseFrom(answer))
          : PartialSuccess.of(ExportTraceServiceResponse.parseFrom(answer));
    } catch (InvalidProtocolBufferException notAResponse) {
      return PartialSuccess.NONE;
    }
  }

  // One line for the user, e.g. "rejected 2 span(s): 2 spans have no trace id" or "warned: …".
  private static String describe(PartialSuccess partial, ReplayFiles.Signal signal) {
    String what =
        partial.rejected() > 0 ? "rejected " + partial.rejected() + " " + signal.items : "warned";
    return partial.message().isEmpty() ? what : what + ": " + partial.message();
  }

  /** Returns one line saying why {@code endpoint} did not accept a request, without a trace. */
  String describe(String endpoint, Status status) {
    if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
      return "cannot reach " + endpoint + ": " + IoProblems.describe(status.getCause());
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "no answer from " + endpoint + " within " + Durations.format(timeout);
    }
    String description = status.getDescription() == null ? "" : ": " + status.getDescription();
    return endpoint + " answered " + status.getCode() + description;
  }
}
