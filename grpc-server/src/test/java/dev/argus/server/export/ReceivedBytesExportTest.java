package dev.argus.server.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import dev.argus.server.replay.RawBytesMarshaller;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceivedBytesExportTest {
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private Server downstream;

  @BeforeEach
  void startDownstream() throws IOException {
    MethodDescriptor<byte[], ExportTraceServiceResponse> raw =
        TraceServiceGrpc.getExportMethod().toBuilder(
                RawBytesMarshaller.INSTANCE,
                ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
            .build();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(TraceServiceGrpc.SERVICE_NAME)
            .addMethod(
                raw,
                ServerCalls.asyncUnaryCall(
                    (bytes, observer) -> {
                      received.add(bytes);
                      observer.onNext(ExportTraceServiceResponse.getDefaultInstance());
                      observer.onCompleted();
                    }))
            .build();
    downstream =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
  }

  @AfterEach
  void stopDownstream() throws InterruptedException {
    downstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void export_requestWithKnownBytesIsSentAsThoseBytes_othersAreSerialised() throws Exception {
    ExportTraceServiceRequest request = request();
    // The same message in a longer but valid encoding: the first tag as a two-byte varint.
    byte[] canonical = request.toByteArray();
    byte[] asReceived = new byte[canonical.length + 1];
    asReceived[0] = (byte) (canonical[0] | 0x80);
    System.arraycopy(canonical, 1, asReceived, 2, canonical.length - 1);
    assertEquals(request, ExportTraceServiceRequest.parseFrom(asReceived));
    ReceivedBytes bytes = new ReceivedBytes();
    bytes.remember(request, ByteString.copyFrom(asReceived));
    ExportTraceServiceRequest equalButNotReceived = request().toBuilder().build();

    try (OtlpGrpcTraceExporter exporter =
        new OtlpGrpcTraceExporter(
            new OtlpGrpcExporterConfig(
                "127.0.0.1:" + downstream.getPort(), true, Map.of(), false, Duration.ofSeconds(5)),
            null,
            bytes)) {
      assertEquals(asReceived.length, exporter.knownSize(request));
      assertEquals(-1, exporter.knownSize(equalButNotReceived));
      exporter.export(request).get(10, TimeUnit.SECONDS);
      exporter.export(equalButNotReceived).get(10, TimeUnit.SECONDS);
    }

    assertEquals(2, received.size());
    assertArrayEquals(asReceived, received.get(0));
    assertArrayEquals(canonical, received.get(1));
  }

  @Test
  void of_comparesInstancesNotContents() {
    ReceivedBytes bytes = new ReceivedBytes();
    ExportTraceServiceRequest request = request();
    bytes.remember(request, request.toByteString());

    assertEquals(request.toByteString(), bytes.of(request));
    assertNull(bytes.of(request().toBuilder().build()));
  }

  @Test
  void forget_dropsTheRequestThisThreadReceived() {
    ReceivedBytes bytes = new ReceivedBytes();
    ExportTraceServiceRequest request = request();
    bytes.remember(request, request.toByteString());

    bytes.forget();

    assertNull(bytes.of(request));
  }

  private static ExportTraceServiceRequest request() {
    Span span =
        Span.newBuilder()
            .setName("GET /orders")
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("http.route")
                    .setValue(AnyValue.newBuilder().setStringValue("/orders")))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }
}
