package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log requests through the persistent sending queue to a real OTLP/gRPC logs receiver. */
class QueuedLogExporterTest {
  private final Set<String> received = ConcurrentHashMap.newKeySet();
  private volatile boolean down = true;
  private Server downstream;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    downstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void logsKeptOnDiskWhileTheDownstreamIsDownAreDeliveredAfterARestart(@TempDir Path dir)
      throws Exception {
    startDownstream();
    DeliveryConfig config = config(dir);

    QueuedLogExporter first = new QueuedLogExporter(config, downstream());
    for (int i = 0; i < 10; i++) {
      first.export(request("log-" + i)).get(5, TimeUnit.SECONDS);
    }
    first.close();
    assertEquals(Set.of(), received);
    assertTrue(dir.resolve("logs").toFile().isDirectory(), "logs keep their own write-ahead log");

    down = false;
    QueuedLogExporter second = new QueuedLogExporter(config, downstream());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    DeliveryStats stats = second.stats();
    second.close();

    assertEquals(10, received.size());
    assertEquals(10, stats.recoveredRequests());
    assertEquals(10, stats.deliveredItems());
  }

  private DeliveryConfig config(Path dir) {
    SendingQueueConfig queue =
        new SendingQueueConfig(true, 100, 2, dir, true, 1 << 20, 1 << 20, Duration.ofMillis(300));
    RetryConfig retry =
        RetryConfig.DEFAULT.withIntervals(
            Duration.ofMillis(20), Duration.ofMillis(100), Duration.ZERO);
    return new DeliveryConfig(queue, retry, 4 << 20);
  }

  private LogDownstream downstream() {
    LogsServiceGrpc.LogsServiceFutureStub stub = LogsServiceGrpc.newFutureStub(channel);
    return new LogDownstream(
        request -> {
          CompletableFuture<ExportLogsServiceResponse> result = new CompletableFuture<>();
          ListenableFuture<ExportLogsServiceResponse> call =
              stub.withDeadlineAfter(2, TimeUnit.SECONDS).export(request);
          call.addListener(
              () -> {
                try {
                  result.complete(call.get());
                } catch (Exception e) {
                  result.completeExceptionally(
                      OtlpGrpcTraceExporter.toExportException(e.getCause(), false, null));
                }
              },
              Runnable::run);
          return result;
        },
        "otlp logs test downstream");
  }

  private void startDownstream() throws Exception {
    downstream =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new LogsServiceGrpc.LogsServiceImplBase() {
                  @Override
                  public void export(
                      ExportLogsServiceRequest request,
                      StreamObserver<ExportLogsServiceResponse> response) {
                    if (down) {
                      response.onError(Status.UNAVAILABLE.asRuntimeException());
                      return;
                    }
                    received.add(
                        request
                            .getResourceLogs(0)
                            .getScopeLogs(0)
                            .getLogRecords(0)
                            .getBody()
                            .getStringValue());
                    response.onNext(ExportLogsServiceResponse.getDefaultInstance());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", downstream.getPort()).usePlaintext().build();
  }

  private static ExportLogsServiceRequest request(String body) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(
                            LogRecord.newBuilder()
                                .setBody(AnyValue.newBuilder().setStringValue(body)))))
        .build();
  }
}
