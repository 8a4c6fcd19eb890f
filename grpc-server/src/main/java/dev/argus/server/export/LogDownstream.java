package dev.argus.server.export;

import dev.argus.server.otlp.ItemCounts;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Log requests sent by an exporter function, as the sending queue sees them. */
public final class LogDownstream implements Downstream<ExportLogsServiceRequest> {
  private final Function<ExportLogsServiceRequest, CompletableFuture<ExportLogsServiceResponse>>
      exporter;
  private final String description;

  /**
   * Creates a downstream that sends with {@code exporter}.
   *
   * @param description the destination, for logs, without secrets
   */
  public LogDownstream(
      Function<ExportLogsServiceRequest, CompletableFuture<ExportLogsServiceResponse>> exporter,
      String description) {
    this.exporter = Objects.requireNonNull(exporter, "exporter");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public CompletableFuture<PartialSuccess> send(ExportLogsServiceRequest request) {
    return exporter.apply(request).thenApply(PartialSuccess::of);
  }

  @Override
  public long itemCount(ExportLogsServiceRequest request) {
    return ItemCounts.logRecords(request);
  }

  @Override
  public String itemName() {
    return "log records";
  }

  @Override
  public byte[] encode(ExportLogsServiceRequest request) {
    return request.toByteArray();
  }

  @Override
  public ExportLogsServiceRequest decode(byte[] bytes) throws IOException {
    return ExportLogsServiceRequest.parseFrom(bytes);
  }

  @Override
  public String describe() {
    return description;
  }
}
