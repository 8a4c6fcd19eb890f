package dev.argus.server.receiver;

import static dev.argus.server.receiver.BlockingTraceHandler.logRequest;
import static dev.argus.server.receiver.BlockingTraceHandler.traceRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trace export calls are handled on a bounded set of threads, so that a crowd of senders does not
 * keep a crowd of decoded requests on the heap, while log exports keep their own threads.
 */
class OtlpTraceReceiverThreadsTest {
  private final BlockingTraceHandler traceHandler = new BlockingTraceHandler();
  private OtlpTraceReceiver receiver;
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    traceHandler.release();
    if (channel != null) {
      channel.shutdownNow();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void traceCalls_shareBoundedThreads_andLogCallsAreNotQueuedBehindThem() throws Exception {
    receiver =
        new OtlpTraceReceiver(
                new OtlpGrpcReceiverConfig("127.0.0.1", 0, 4 * 1024 * 1024),
                traceHandler,
                request ->
                    CompletableFuture.completedFuture(
                        ExportLogsServiceResponse.getDefaultInstance()),
                new ReceiverCounters())
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.port()).usePlaintext().build();
    TraceServiceGrpc.TraceServiceFutureStub traces = TraceServiceGrpc.newFutureStub(channel);
    int calls = 3 * TraceThreads.COUNT;

    List<ListenableFuture<ExportTraceServiceResponse>> answers = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      answers.add(traces.export(traceRequest(i)));
    }
    traceHandler.awaitHeld(TraceThreads.COUNT);
    // Every trace thread is taken; a log export is still answered at once.
    LogsServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(logRequest());
    traceHandler.release();
    for (ListenableFuture<ExportTraceServiceResponse> answer : answers) {
      answer.get(30, TimeUnit.SECONDS);
    }

    assertEquals(TraceThreads.COUNT, traceHandler.mostHeld());
    assertEquals(TraceThreads.COUNT, traceHandler.threadNames().size());
    assertTrue(
        traceHandler.threadNames().stream().allMatch(name -> name.startsWith("argus-otlp-traces-")),
        traceHandler.threadNames()::toString);
  }
}
