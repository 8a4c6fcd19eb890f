package dev.argus.server.export;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Remembers the bytes a trace request arrived in, so that a request forwarded unchanged (no gen-AI
 * span, nothing dropped or repaired) is sent as those bytes instead of being serialised again. The
 * processor returns the very request it received when it changes nothing, so a lookup by identity
 * finds exactly the requests whose bytes still hold.
 *
 * <p>A request is handed to the exporter on the thread that received it, so each thread keeps only
 * the last request it received, until the receiver {@link #forget forgets} it when its handling
 * returns: nothing else is held, and nothing outlives its call. A request exported from another
 * thread (held for its log records, or queued) is simply serialised as usual. Thread-safe.
 */
public final class ReceivedBytes {
  private final ThreadLocal<Received> last = new ThreadLocal<>();

  /** Remembers, for this thread, that {@code request} is exactly what {@code wire} encodes. */
  public void remember(ExportTraceServiceRequest request, ByteString wire) {
    last.set(new Received(request, wire));
  }

  /**
   * Returns the bytes {@code request} arrived in when it is the last request this thread received,
   * or null.
   */
  public ByteString of(ExportTraceServiceRequest request) {
    Received received = last.get();
    return received != null && received.request() == request ? received.wire() : null;
  }

  /** Forgets the request this thread received last, once nothing will look it up any more. */
  public void forget() {
    last.remove();
  }

  private record Received(ExportTraceServiceRequest request, ByteString wire) {}
}
