package dev.argus.server.receiver;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded threads on which every transport decodes trace exports and hands them on. A request
 * holds its decoded form, and soon its extracted calls and enriched copy, from when a thread takes
 * it until it is answered, most of it waiting for the scoring pool; as many threads as senders
 * would keep as many requests on the heap at once, long enough for the collector to promote them. A
 * few threads keep the scoring pool busy; requests beyond them wait as the bytes they arrived in.
 * Log exports never run here: log records must not queue behind the spans waiting for them.
 */
final class TraceThreads {
  /** Threads of one trace executor. */
  static final int COUNT = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private TraceThreads() {}

  /** Returns a new executor of {@link #COUNT} daemon threads named {@code namePrefix-N}. */
  static ExecutorService start(String namePrefix) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(
        COUNT,
        task -> {
          Thread thread = new Thread(task, namePrefix + "-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
