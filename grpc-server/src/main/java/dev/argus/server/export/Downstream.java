package dev.argus.server.export;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of telemetry request (traces or logs) as the sending queue sees it: how to send it, how
 * many items it holds, and how to store it on disk. Implementations are thread-safe.
 *
 * @param <T> the request type
 */
public interface Downstream<T> {

  /**
   * Sends {@code request} once. The future completes with what the downstream reported about
   * rejected items, or fails with an {@link ExportException}.
   */
  CompletableFuture<PartialSuccess> send(T request);

  /** Returns the number of items (spans, log records) in {@code request}. */
  long itemCount(T request);

  /** Returns the word for the items, for logs: {@code spans} or {@code log records}. */
  String itemName();

  /** Returns {@code request} as bytes for the write-ahead log. */
  byte[] encode(T request);

  /**
   * Returns the request stored as {@code bytes}.
   *
   * @throws IOException when the bytes are not a request
   */
  T decode(byte[] bytes) throws IOException;

  /** Returns a short description of the destination for logs, without secrets. */
  String describe();
}
