package dev.argus.server.join;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The spans of one trace waiting for their log records, with the futures of the upstream requests
 * that brought them. Immutable: holding more spans of the same trace makes a new one.
 *
 * @param spans the held spans in their resource and scope envelopes
 * @param awaited keys (trace id + span id) of the spans waiting for records, each with what it
 *     waits for
 * @param waiters completed once the spans were forwarded, one per upstream request
 */
record HeldTrace(
    ExportTraceServiceRequest spans,
    Map<ByteString, Awaited> awaited,
    List<CompletableFuture<ExportTraceServiceResponse>> waiters) {

  /**
   * A held span's wait.
   *
   * @param scope the name of its instrumentation scope
   * @param failed true when the call failed: no output record will come, its input is enough
   */
  record Awaited(String scope, boolean failed) {}

  /** Returns a held trace with the spans, awaited keys and waiters of both. */
  HeldTrace merge(HeldTrace other) {
    Map<ByteString, Awaited> keys = new HashMap<>(awaited);
    keys.putAll(other.awaited);
    List<CompletableFuture<ExportTraceServiceResponse>> all = new ArrayList<>(waiters);
    all.addAll(other.waiters);
    ExportTraceServiceRequest merged =
        spans.toBuilder().addAllResourceSpans(other.spans.getResourceSpansList()).build();
    return new HeldTrace(merged, Map.copyOf(keys), List.copyOf(all));
  }

  /** Returns the bytes this trace takes, for the memory bound. */
  int weight() {
    return spans.getSerializedSize();
  }
}
