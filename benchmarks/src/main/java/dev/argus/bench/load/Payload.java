package dev.argus.bench.load;

import java.util.List;

/**
 * Pre-encoded export requests of one workload.
 *
 * @param name workload name as printed
 * @param requests encoded {@code ExportTraceServiceRequest}s, sent in rotation
 * @param spansPerRequest spans in each request
 */
record Payload(String name, List<byte[]> requests, int spansPerRequest) {

  /** Copies the list. */
  Payload {
    requests = List.copyOf(requests);
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("requests: empty (expected: at least one)");
    }
  }

  /** Returns the mean encoded size of a span in bytes. */
  long meanSpanBytes() {
    long bytes = 0;
    for (byte[] request : requests) {
      bytes += request.length;
    }
    return bytes / ((long) requests.size() * spansPerRequest);
  }
}
