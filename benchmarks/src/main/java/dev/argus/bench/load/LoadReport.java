package dev.argus.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
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
    out.printf(
        Locale.ROOT,
        "%d s per run after %d s warm-up (and %d s of compiler warm-up per process); concurrency %d"
            + " over %d channel(s); %d spans/request; %s; JVM options: %s%n",
        options.durationSeconds(),
        options.warmupSeconds(),
        options.jitWarmupSeconds(),
        options.concurrency(),
        options.channels(),
        options.spansPerRequest(),
        options.spansPerSecond() == 0
            ? "closed loop"
            : String.format(
                Locale.ROOT,
                "open loop at %,d spans/s offered, latency from due time",
                options.spansPerSecond()),
        options.jvmOptions().isEmpty() ? "(none)" : String.join(" ", options.jvmOptions()));
    for (String workload : options.workloads()) {
      out.printf(
          Locale.ROOT,
          "workload %-6s mean span %,d bytes%n",
          workload,
          payloads.get(workload).meanSpanBytes());
    }
    out.println();
    out.println(
        "| round | workload | target | spans/s | p50 ms | p99 ms | CPU s | CPU µs/span"
            + " | peak RSS MiB | errors | delivered | scored of sampled spans |");
    out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Measurement m : measurements) {
      LoadResult r = m.result();
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s | %,.0f | %.2f | %.2f | %.1f | %.2f | %.0f | %d | %,d / %,d | %s |%n",
          m.round() + 1,
          m.workload(),
          m.target(),
          r.spansPerSecond(),
          r.latencyMillis(0.5),
          r.latencyMillis(0.99),
          m.cpuSeconds(),
          m.cpuMicrosPerSpan(),
          m.peakRssKib() / 1024.0,
          r.errors(),
          m.delivered(),
          r.spans(),
          m.sampledSpans() == 0 ? "-" : m.enrichedSpans() + "/" + m.sampledSpans());
    }
    printRatios(options, measurements);
  }

  private void printRatios(LoadOptions options, List<Measurement> measurements) {
    out.println();
    out.printf(
        Locale.ROOT,
        "ARGUS ÷ baseline, paired per round, median of %d round(s):%n",
        options.rounds());
    out.println(
        "| workload | spans/s ratio (min–max) | p50 added ms | p99 added ms"
            + " | CPU/span ratio | peak RSS ratio |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (String workload : options.workloads()) {
      List<double[]> pairs = new ArrayList<>();
      for (int round = 0; round < options.rounds(); round++) {
        Measurement baseline = find(measurements, round, workload, "baseline");
        Measurement argus = find(measurements, round, workload, "argus");
        if (baseline != null && argus != null) {
          LoadResult b = baseline.result();
          LoadResult a = argus.result();
          pairs.add(
              new double[] {
                a.spansPerSecond() / b.spansPerSecond(),
                a.latencyMillis(0.5) - b.latencyMillis(0.5),
                a.latencyMillis(0.99) - b.latencyMillis(0.99),
                argus.cpuMicrosPerSpan() / baseline.cpuMicrosPerSpan(),
                (double) argus.peakRssKib() / baseline.peakRssKib()
              });
        }
      }
      if (pairs.isEmpty()) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "| %s | %.2f (%.2f–%.2f) | %+.2f | %+.2f | %.2f | %.2f |%n",
          workload,
          median(pairs, 0),
          min(pairs, 0),
          max(pairs, 0),
          median(pairs, 1),
          median(pairs, 2),
          median(pairs, 3),
          median(pairs, 4));
    }
  }

  private static double median(List<double[]> rows, int column) {
    double[] values = new double[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rows.get(i)[column];
    }
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static double min(List<double[]> rows, int column) {
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : rows) {
      min = Math.min(min, row[column]);
    }
    return min;
  }

  private static double max(List<double[]> rows, int column) {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : rows) {
      max = Math.max(max, row[column]);
    }
    return max;
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
    out.printf(
        Locale.ROOT,
        "soak: max RSS first quarter %.1f MiB, last quarter %.1f MiB"
            + " (%+.1f %%), peak %.1f MiB%n",
        early / 1024.0,
        late / 1024.0,
        100.0 * (late - early) / early,
        peakKib / 1024.0);
  }

  private static long max(List<Long> values) {
    long max = 0;
    for (long value : values) {
      max = Math.max(max, value);
    }
    return max;
  }

  private static Measurement find(
      List<Measurement> measurements, int round, String workload, String target) {
    for (Measurement m : measurements) {
      if (m.round() == round && m.workload().equals(workload) && m.target().equals(target)) {
        return m;
      }
    }
    return null;
  }
}
