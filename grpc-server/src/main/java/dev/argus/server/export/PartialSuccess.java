package dev.argus.server.export;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * What a downstream said about a request it accepted: how many items (spans or log records) it
 * rejected and why. A partial success is a success: it is recorded, never retried.
 *
 * @param rejected number of items the downstream dropped
 * @param message the downstream's explanation, possibly empty
 */
public record PartialSuccess(long rejected, String message) {

  /** A full success: nothing rejected, nothing to say. */
  public static final PartialSuccess NONE = new PartialSuccess(0, "");

  /** Normalises a null message to empty. */
  public PartialSuccess {
    message = message == null ? "" : message;
  }

  /** Returns what {@code response} says about rejected spans; {@link #NONE} when nothing. */
  public static PartialSuccess of(ExportTraceServiceResponse response) {
    if (!response.hasPartialSuccess()) {
      return NONE;
    }
    ExportTracePartialSuccess partial = response.getPartialSuccess();
    return new PartialSuccess(partial.getRejectedSpans(), partial.getErrorMessage());
  }

  /** Returns what {@code response} says about rejected log records; {@link #NONE} when nothing. */
  public static PartialSuccess of(ExportLogsServiceResponse response) {
    if (!response.hasPartialSuccess()) {
      return NONE;
    }
    ExportLogsPartialSuccess partial = response.getPartialSuccess();
    return new PartialSuccess(partial.getRejectedLogRecords(), partial.getErrorMessage());
  }

  /** Returns true when nothing was rejected and the downstream had nothing to say. */
  public boolean isFullSuccess() {
    return rejected == 0 && message.isEmpty();
  }

  /** Returns the sum of both, for a request that was sent in parts. */
  public PartialSuccess plus(PartialSuccess other) {
    String joined = message.isEmpty() ? other.message : message;
    return new PartialSuccess(rejected + other.rejected, joined);
  }
}
