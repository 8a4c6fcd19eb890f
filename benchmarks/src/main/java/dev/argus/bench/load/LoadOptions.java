package dev.argus.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link LoadCommand}.
 *
 * @param durationSeconds measured seconds per workload and target
 * @param warmupSeconds unmeasured seconds before each measurement
 * @param jitWarmupSeconds unmeasured seconds of all workloads against each process once, before its
 *     first measurement, so the JIT compiler is done before anything is timed
 * @param concurrency requests in flight at once (closed-loop sender threads)
 * @param channels gRPC connections the senders share
 * @param spansPerRequest spans in each export request
 * @param corpusRows corpus rows turned into gen-AI spans
 * @param maxRequests upper bound on requests per run, whatever the duration
 * @param workloads workloads to run, in order: {@code plain}, {@code genai}, {@code mixed}
 * @param argusJar the ARGUS server jar
 * @param jvmOptions JVM options for the proxy and ARGUS processes (the same for both)
 * @param argusJvmOptions extra JVM options for ARGUS only, such as a profiler
 * @param soakSeconds when positive, run only the soak test against ARGUS for this long
 * @param soakWorkload workload of the soak test
 * @param targets which targets to run: {@code baseline}, {@code argus}
 * @param rounds how many times each workload is measured on each target; the target order
 *     alternates between rounds so drift on a shared machine hurts neither side
 * @param spansPerSecond offered spans per second (open loop, for latency at a fixed load), or 0 to
 *     send as fast as the target answers (closed loop, for throughput)
 */
record LoadOptions(
    int durationSeconds,
    int warmupSeconds,
    int jitWarmupSeconds,
    int concurrency,
    int channels,
    int spansPerRequest,
    int corpusRows,
    long maxRequests,
    List<String> workloads,
    Path argusJar,
    List<String> jvmOptions,
    List<String> argusJvmOptions,
    int soakSeconds,
    String soakWorkload,
    List<String> targets,
    int rounds,
    int spansPerSecond) {

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -cp benchmarks/target/benchmarks.jar dev.argus.bench.load.LoadCommand"
              + " [options]",
          "  --duration S          measured seconds per workload and target (default 10)",
          "  --warmup S            unmeasured warm-up seconds before each measurement (default 5)",
          "  --jit-warmup S        once per process, before its first measurement: S seconds of all"
              + " workloads, so the JIT compiler has finished (default 45)",
          "  --concurrency N       requests in flight (default 8)",
          "  --channels N          gRPC connections shared by the senders (default min(N, 4))",
          "  --spans-per-request N spans per export request (default 100)",
          "  --corpus-rows N       corpus rows used for gen-AI spans (default 5000)",
          "  --max-requests N      bound on requests per run (default 10000000)",
          "  --workloads LIST      comma list of plain,genai,mixed (default all three)",
          "  --targets LIST        comma list of baseline,argus (default both)",
          "  --rounds N            measurements per workload and target, order alternating"
              + " (default 1)",
          "  --rate N              offer N spans/s at fixed intervals and time latency from each"
              + " request's due time (default 0: closed loop, as fast as answered)",
          "  --argus-jar PATH      ARGUS jar (default grpc-server/target/argus.jar)",
          "  --jvm-opts 'OPTS'     JVM options for the proxy and ARGUS processes (default none)",
          "  --argus-jvm-opts 'OPTS' extra JVM options for ARGUS only, e.g. to record a JFR"
              + " profile; ARGUS always starts with -Xmx256m -XX:+UseParallelGC -XX:NewRatio=1 as"
              + " documented, which options here override",
          "  --soak S              instead: run ARGUS for S seconds, sampling RSS every 10 s",
          "  --soak-workload W     workload of the soak run (default mixed)");

  /** Parses {@code args}; throws IllegalArgumentException naming the bad option. */
  static LoadOptions parse(String[] args) {
    int duration = 10;
    int warmup = 5;
    int jitWarmup = 45;
    int concurrency = 8;
    int channels = -1;
    int spansPerRequest = 100;
    int corpusRows = 5000;
    long maxRequests = 10_000_000L;
    List<String> workloads = List.of("plain", "genai", "mixed");
    List<String> targets = List.of("baseline", "argus");
    Path jar = Path.of("grpc-server", "target", "argus.jar");
    List<String> jvmOptions = List.of();
    List<String> argusJvmOptions = List.of();
    int soak = 0;
    String soakWorkload = "mixed";
    int rounds = 1;
    int rate = 0;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + ": missing value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--duration" -> duration = positive(option, value);
        case "--warmup" -> warmup = nonNegative(option, value);
        case "--jit-warmup" -> jitWarmup = nonNegative(option, value);
        case "--concurrency" -> concurrency = positive(option, value);
        case "--channels" -> channels = positive(option, value);
        case "--spans-per-request" -> spansPerRequest = positive(option, value);
        case "--corpus-rows" -> corpusRows = positive(option, value);
        case "--max-requests" -> maxRequests = positive(option, value);
        case "--workloads" -> workloads = list(option, value, "plain", "genai", "mixed");
        case "--targets" -> targets = list(option, value, "baseline", "argus");
        case "--argus-jar" -> jar = Path.of(value);
        case "--jvm-opts" -> jvmOptions = words(value);
        case "--argus-jvm-opts" -> argusJvmOptions = words(value);
        case "--soak" -> soak = positive(option, value);
        case "--rounds" -> rounds = positive(option, value);
        case "--rate" -> rate = nonNegative(option, value);
        case "--soak-workload" ->
            soakWorkload = list(option, value, "plain", "genai", "mixed").get(0);
        default -> throw new IllegalArgumentException("unknown option: " + option + "\n" + USAGE);
      }
    }
    return new LoadOptions(
        duration,
        warmup,
        jitWarmup,
        concurrency,
        channels > 0 ? channels : Math.min(concurrency, 4),
        spansPerRequest,
        corpusRows,
        maxRequests,
        workloads,
        jar,
        jvmOptions,
        argusJvmOptions,
        soak,
        soakWorkload,
        targets,
        rounds,
        rate);
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  private static int positive(String option, String value) {
    int number = nonNegative(option, value);
    if (number == 0) {
      throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
    }
    return number;
  }

  private static int nonNegative(String option, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number < 0) {
        throw new IllegalArgumentException(option + ": " + value + " (expected: >= 0)");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": " + value + " (expected: an integer)");
    }
  }

  private static List<String> list(String option, String value, String... allowed) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!Arrays.asList(allowed).contains(item.trim())) {
        throw new IllegalArgumentException(
            option + ": " + item + " (expected one of: " + String.join(", ", allowed) + ")");
      }
      items.add(item.trim());
    }
    return List.copyOf(items);
  }
}
