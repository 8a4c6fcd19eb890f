package dev.argus.bench.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the load test's tables. */
final class LoadReport {
  private final PrintStream out;

  LoadReport(PrintStream out) {
    this.out = out;
  }

  /** Prints one row per measurement, then ARGUS ÷ baseline per workload. */
  void print(LoadOptions options, Map<String, Payload> payloads, List<Measurement> measurements) {
    out.println();
    out.printf(Locale.ROOT, "%d s per run after %d s warm-up; concurrency %d over %d channel(s);"
        + " %d spans/request; JVM options: %s%n", options.durationSeconds(),
        options.warmupSeconds(), options.concurrency(), options.channels(),
        options.spansPerRequest(), options.jvmOptions().isEmpty() ? "(none)"
            : String.join(" ", options.jvmOptions()));
    for (String workload : options.workloads()) {
      out.printf(Locale.ROOT, "workload %-6s mean span %,d bytes%n", workload,
          payloads.get(workload).meanSpanBytes());
    }
    out.println();
    out.println("| workload | target | spans/s | p50 ms | p99 ms | CPU s | CPU µs/span"
        + " | peak RSS MiB | errors | delivered | argus.* on sampled spans |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Measurement m : measurements) {
      LoadResult r = m.result();
      out.printf(Locale.ROOT,
          "| %s | %s | %,.0f | %.2f | %.2f | %.1f | %.2f | %.0f | %d | %,d / %,d | %s |%n",
          m.workload(), m.target(), r.spansPerSecond(), r.latencyMillis(0.5),
          r.latencyMillis(0.99), m.cpuSeconds(), m.cpuMicrosPerSpan(), m.peakRssKib() / 1024.0,
          r.errors(), m.delivered(), r.spans(),
          m.sampledSpans() == 0 ? "-" : m.enrichedSpans() + "/" + m.sampledSpans());
    }
    printRatios(options, measurements);
  }

  private void printRatios(LoadOptions options, List<Measurement> measurements) {
    out.println();
    out.println("| workload | ARGUS ÷ baseline spans/s | p50 added ms | p99 added ms"
        + " | CPU/span ARGUS ÷ baseline |");
    out.println("|---|---:|---:|---:|---:|");
    for (String workload : options.workloads()) {
      Measurement baseline = find(measurements, workload, "baseline");
      Measurement argus = find(measurements, workload, "argus");
      if (baseline == null || argus == null) {
        continue;
      }
      out.printf(Locale.ROOT, "| %s | %.2f | %+.2f | %+.2f | %.2f |%n", workload,
          argus.result().spansPerSecond() / baseline.result().spansPerSecond(),
          argus.result().latencyMillis(0.5) - baseline.result().latencyMillis(0.5),
          argus.result().latencyMillis(0.99) - baseline.result().latencyMillis(0.99),
          argus.cpuMicrosPerSpan() / baseline.cpuMicrosPerSpan());
    }
  }

  /** Prints the soak summary: RSS at the start, the end, and the growth between them. */
  void printSoak(List<Long> samplesKib, long peakKib) {
    if (samplesKib.size() < 2) {
      out.println("soak: too short for a trend (needs at least two samples)");
      return;
    }
    // Compare the first and last quarters (at least one sample each) to smooth GC saw-teeth.
    int quarter = Math.max(1, samplesKib.size() / 4);
    long early = max(samplesKib.subList(0, quarter));
    long late = max(samplesKib.subList(samplesKib.size() - quarter, samplesKib.size()));
    out.printf(Locale.ROOT, "soak: max RSS first quarter %.1f MiB, last quarter %.1f MiB"
        + " (%+.1f %%), peak %.1f MiB%n", early / 1024.0, late / 1024.0,
        100.0 * (late - early) / early, peakKib / 1024.0);
  }

  private static long max(List<Long> values) {
    long max = 0;
    for (long value : values) {
      max = Math.max(max, value);
    }
    return max;
  }

  private static Measurement find(List<Measurement> measurements, String workload, String target) {
    for (Measurement m : measurements) {
      if (m.workload().equals(workload) && m.target().equals(target)) {
        return m;
      }
    }
    return null;
  }
}
