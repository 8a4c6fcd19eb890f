package dev.argus.server.replay;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The partial success of an export answer: an OTLP server accepts a request with OK and still
 * reports in its answer how many items it rejected, and why, or a warning with none rejected.
 *
 * @param rejected spans or log records the server did not take
 * @param reason the server's message; empty when it gave none
 */
record PartialSuccess(long rejected, String reason) {

  private static final PartialSuccess NONE = new PartialSuccess(0, "");

  /**
   * Reads the answer to a request of {@code signal}. An answer that is not a response message
   * reports nothing: the request was accepted.
   */
  static PartialSuccess of(ReplayFiles.Signal signal, byte[] answer) {
    try {
      if (signal == ReplayFiles.Signal.LOGS) {
        ExportLogsPartialSuccess partial =
            ExportLogsServiceResponse.parseFrom(answer).getPartialSuccess();
        return new PartialSuccess(partial.getRejectedLogRecords(), partial.getErrorMessage());
      }
      ExportTracePartialSuccess partial =
          ExportTraceServiceResponse.parseFrom(answer).getPartialSuccess();
      return new PartialSuccess(partial.getRejectedSpans(), partial.getErrorMessage());
    } catch (InvalidProtocolBufferException notAResponse) {
      return NONE;
    }
  }

  /** Returns true when the server said anything: items rejected or a warning. */
  boolean reported() {
    return rejected > 0 || !reason.isEmpty();
  }

  /** Returns one line for the user, e.g. {@code rejected 1 span(s): span 2: spanId is not hex}. */
  String describe(ReplayFiles.Signal signal) {
    String what = rejected > 0 ? "rejected " + rejected + " " + signal.items : "warned";
    return reason.isEmpty() ? what : what + ": " + reason;
  }
}
