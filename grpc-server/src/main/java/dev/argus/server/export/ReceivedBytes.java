package dev.argus.server.export;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Remembers the bytes each trace request arrived in, so that a request forwarded unchanged (no
 * gen-AI span, nothing dropped or repaired) is sent as those bytes instead of being serialised
 * again. The processor returns the very request it received when it changes nothing, so a
 * lookup by identity finds exactly the requests whose bytes still hold.
 *
 * <p>Requests are held weakly, so an entry goes when its request is done with, and the bytes
 * held are bounded by {@link #DEFAULT_MAX_BYTES}: past it, requests are serialised as usual.
 * Thread-safe.
 */
public final class ReceivedBytes {
  /** Most received bytes kept at once. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private final Cache<ExportTraceServiceRequest, ByteString> bytes;

  /** Creates a memory of at most {@code maxBytes} received bytes. */
  public ReceivedBytes(long maxBytes) {
    this.bytes =
        Caffeine.newBuilder()
            // Weak keys compare by identity: an equal but different request is not this one.
            .weakKeys()
            .maximumWeight(maxBytes)
            .weigher((ExportTraceServiceRequest request, ByteString wire) -> wire.size())
            .executor(Runnable::run)
            .build();
  }

  /** Remembers that {@code request} is exactly what {@code wire} encodes. */
  public void remember(ExportTraceServiceRequest request, ByteString wire) {
    bytes.put(request, wire);
  }

  /** Returns the bytes {@code request} arrived in, or null when they are not known. */
  public ByteString of(ExportTraceServiceRequest request) {
    return bytes.getIfPresent(request);
  }
}
