package dev.argus.server.receiver;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hands decoded requests to their handler, the same way on every transport, and adds the items the
 * decoder rejected to the partial success of the answer.
 */
final class Dispatch {
  private Dispatch() {}

  /** Passes the accepted spans on; the answer counts the rejected ones. */
  static CompletableFuture<ExportTraceServiceResponse> traces(
      Decoded<ExportTraceServiceRequest> decoded,
      TraceRequestHandler handler,
      ReceiverCounters counters) {
    counters.decoded(decoded, true);
    CompletableFuture<ExportTraceServiceResponse> handled =
        decoded.acceptedItems() == 0
            ? CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance())
            : call(() -> handler.handle(decoded.request()))
                .thenApply(acknowledged(counters, decoded.acceptedItems(), true));
    if (decoded.rejectedItems() == 0) {
      return handled;
    }
    return handled.thenApply(
        response -> {
          ExportTracePartialSuccess previous = response.getPartialSuccess();
          return response.toBuilder()
              .setPartialSuccess(
                  ExportTracePartialSuccess.newBuilder()
                      .setRejectedSpans(previous.getRejectedSpans() + decoded.rejectedItems())
                      .setErrorMessage(join(decoded.errorMessage(), previous.getErrorMessage())))
              .build();
        });
  }

  /** Passes the accepted log records on; the answer counts the rejected ones. */
  static CompletableFuture<ExportLogsServiceResponse> logs(
      Decoded<ExportLogsServiceRequest> decoded,
      LogRequestHandler handler,
      ReceiverCounters counters) {
    counters.decoded(decoded, false);
    CompletableFuture<ExportLogsServiceResponse> handled =
        decoded.acceptedItems() == 0
            ? CompletableFuture.completedFuture(ExportLogsServiceResponse.getDefaultInstance())
            : call(() -> handler.handle(decoded.request()))
                .thenApply(acknowledged(counters, decoded.acceptedItems(), false));
    if (decoded.rejectedItems() == 0) {
      return handled;
    }
    return handled.thenApply(
        response -> {
          ExportLogsPartialSuccess previous = response.getPartialSuccess();
          return response.toBuilder()
              .setPartialSuccess(
                  ExportLogsPartialSuccess.newBuilder()
                      .setRejectedLogRecords(
                          previous.getRejectedLogRecords() + decoded.rejectedItems())
                      .setErrorMessage(join(decoded.errorMessage(), previous.getErrorMessage())))
              .build();
        });
  }

  // Counted once the answer is a success, so refused requests are not "accepted".
  private static <T> Function<T, T> acknowledged(
      ReceiverCounters counters, long items, boolean spans) {
    return response -> {
      counters.acknowledged(items, spans);
      return response;
    };
  }

  private interface Call<T> {
    CompletableFuture<T> run();
  }

  private static <T> CompletableFuture<T> call(Call<T> call) {
    try {
      return call.run();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static String join(String first, String second) {
    return second.isEmpty() ? first : first + "; " + second;
  }
}
