package dev.argus.server.export;

import dev.argus.server.otlp.ItemCounts;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Trace requests sent through a {@link TraceExporter}, as the sending queue sees them. */
public final class TraceDownstream implements Downstream<ExportTraceServiceRequest> {
  private final TraceExporter exporter;

  /** Creates a downstream that sends with {@code exporter}. */
  public TraceDownstream(TraceExporter exporter) {
    this.exporter = Objects.requireNonNull(exporter, "exporter");
  }

  @Override
  public CompletableFuture<PartialSuccess> send(ExportTraceServiceRequest request) {
    return exporter.export(request).thenApply(PartialSuccess::of);
  }

  @Override
  public long itemCount(ExportTraceServiceRequest request) {
    return ItemCounts.spans(request);
  }

  @Override
  public String itemName() {
    return "spans";
  }

  @Override
  public byte[] encode(ExportTraceServiceRequest request) {
    return request.toByteArray();
  }

  @Override
  public ExportTraceServiceRequest decode(byte[] bytes) throws IOException {
    return ExportTraceServiceRequest.parseFrom(bytes);
  }

  @Override
  public String describe() {
    return exporter.describe();
  }
}
