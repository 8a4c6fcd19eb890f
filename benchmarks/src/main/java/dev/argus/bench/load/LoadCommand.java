package dev.argus.bench.load;

import dev.argus.bench.corpus.Corpus;
import dev.argus.bench.otlp.ExportRequests;
import dev.argus.bench.otlp.PlainSpans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end load test of ARGUS against a bare pass-through proxy, in one run on 127.0.0.1.
 *
 * <p>Starts three processes: the {@link SpanSink} (downstream collector), the {@link
 * PassThroughProxy} baseline and ARGUS ({@code java -jar argus.jar run --config <generated>}), both
 * forwarding to the sink. Then, for each workload (plain spans, gen-AI spans from the corpus with
 * every scorer on, a 50/50 mix), warms up and measures the baseline and then ARGUS at the same
 * fixed concurrency, and prints spans/s, p50/p99 export latency, CPU seconds and peak RSS of the
 * process under test, spans delivered to the sink, and ARGUS ÷ baseline. With {@code --soak S} it
 * instead loads ARGUS alone for S seconds and prints its RSS every 10 s.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.argus.bench.load.LoadCommand
 * java -cp benchmarks/target/benchmarks.jar dev.argus.bench.load.LoadCommand --soak 600
 * </pre>
 *
 * <p>Stops by itself and ends only the processes it started. Figures are a gauge: on a shared
 * machine compare ratios to the baseline of the same run, not absolute numbers across runs.
 */
public final class LoadCommand {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final int SOAK_SAMPLE_SECONDS = 10;
  private static final int REQUESTS_PER_WORKLOAD = 64;

  private final LoadOptions options;
  private final Path runDir;
  private final PrintStream out;
  private final List<ChildProcess> started = new ArrayList<>();

  private LoadCommand(LoadOptions options, Path runDir, PrintStream out) {
    this.options = options;
    this.runDir = runDir;
    this.out = out;
  }

  /** Runs the load test; see the class javadoc and {@code --help}. */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.targets().contains("argus") && !Files.isRegularFile(options.argusJar())) {
      System.err.println(
          "--argus-jar: "
              + options.argusJar()
              + " not found (build it with: mvn -B -q -DskipTests package)");
      System.exit(2);
    }
    Path runDir = Files.createTempDirectory("argus-load-");
    LoadCommand command = new LoadCommand(options, runDir, System.out);
    Thread stopper = new Thread(command::stopAll, "load-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      command.run();
    } finally {
      command.stopAll();
    }
  }

  private void run() throws Exception {
    out.printf(Locale.ROOT, "logs and config in %s%n", runDir);
    Map<String, Payload> payloads = payloads();
    try (Sink sink = Sink.start(List.of(), runDir.resolve("sink.log"))) {
      Map<String, ChildProcess> targets = new LinkedHashMap<>();
      Map<String, Integer> ports = new LinkedHashMap<>();
      if (options.soakSeconds() == 0 && options.targets().contains("baseline")) {
        startBaseline(sink, targets, ports);
      }
      if (options.targets().contains("argus") || options.soakSeconds() > 0) {
        startArgus(sink, targets, ports);
      }
      if (options.soakSeconds() > 0) {
        soak(payloads.get(options.soakWorkload()), targets.get("argus"), ports.get("argus"));
        return;
      }
      for (String target : targets.keySet()) {
        warmUpCompiler(payloads, target, ports.get(target));
      }
      List<Measurement> measurements = new ArrayList<>();
      for (int round = 0; round < options.rounds(); round++) {
        List<String> order = new ArrayList<>(targets.keySet());
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (String workload : options.workloads()) {
          for (String target : order) {
            measurements.add(
                measure(
                    round,
                    payloads.get(workload),
                    target,
                    targets.get(target),
                    ports.get(target),
                    sink));
          }
        }
      }
      new LoadReport(out).print(options, payloads, measurements);
    }
  }

  /**
   * Runs every workload against a freshly started process before anything is measured. On two busy
   * cores the JIT compiler needs tens of seconds to compile the hot paths; measured before it is
   * done, a process spends a quarter of its CPU compiling and runs the rest partly interpreted,
   * which says nothing about its steady state.
   */
  private void warmUpCompiler(Map<String, Payload> payloads, String target, int port)
      throws InterruptedException {
    if (options.jitWarmupSeconds() == 0) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "  %s: compiler warm-up, %d s over %s%n",
        target,
        options.jitWarmupSeconds(),
        String.join(", ", options.workloads()));
    long perWorkload =
        TimeUnit.SECONDS.toNanos(options.jitWarmupSeconds()) / options.workloads().size();
    LoadDriver driver =
        new LoadDriver(port, options.concurrency(), options.channels(), options.maxRequests());
    for (String workload : options.workloads()) {
      driver.run(payloads.get(workload), perWorkload);
    }
  }

  private Map<String, Payload> payloads() {
    Corpus corpus = Corpus.load(options.corpusRows(), Corpus.DEFAULT_SEED);
    int genAiRequests = Math.max(1, options.corpusRows() / options.spansPerRequest());
    Map<String, Payload> payloads = new LinkedHashMap<>();
    payloads.put(
        "plain", payload("plain", ExportRequests.Mix.PLAIN, corpus, REQUESTS_PER_WORKLOAD));
    payloads.put("genai", payload("genai", ExportRequests.Mix.GENAI, corpus, genAiRequests));
    payloads.put("mixed", payload("mixed", ExportRequests.Mix.MIXED, corpus, 2 * genAiRequests));
    return payloads;
  }

  private Payload payload(String name, ExportRequests.Mix mix, Corpus corpus, int count) {
    List<byte[]> encoded = new ArrayList<>();
    for (ExportTraceServiceRequest request :
        ExportRequests.build(mix, corpus, count, options.spansPerRequest())) {
      encoded.add(request.toByteArray());
    }
    return new Payload(name, encoded, options.spansPerRequest());
  }

  private void startBaseline(
      Sink sink, Map<String, ChildProcess> targets, Map<String, Integer> ports)
      throws IOException, InterruptedException {
    ChildProcess proxy =
        track(
            ChildProcess.start(
                "baseline",
                ChildProcess.javaCommand(
                    options.jvmOptions(),
                    PassThroughProxy.class.getName(),
                    Integer.toString(sink.port())),
                runDir.resolve("baseline.log")));
    String line = proxy.awaitLine("LISTENING ", READY_TIMEOUT);
    targets.put("baseline", proxy);
    ports.put("baseline", Integer.parseInt(line.substring("LISTENING ".length()).trim()));
    out.printf(
        Locale.ROOT, "baseline proxy pid %d on 127.0.0.1:%d%n", proxy.pid(), ports.get("baseline"));
  }

  /** The heap option ARGUS is documented to run with. */
  static final String ARGUS_HEAP = "-Xmx256m";

  /** The collector ARGUS is documented to run with. */
  static final String ARGUS_GC = "-XX:+UseParallelGC";

  /** The young generation's share of the heap ARGUS is documented to run with: half. */
  static final String ARGUS_YOUNG_GENERATION = "-XX:NewRatio=1";

  private void startArgus(Sink sink, Map<String, ChildProcess> targets, Map<String, Integer> ports)
      throws Exception {
    int port = freePort();
    Path config = ArgusConfig.write(runDir, port, sink.port());
    List<String> command = new ArrayList<>();
    command.add(ChildProcess.javaExecutable());
    // The heap cap of the README's run command and the container image: ARGUS is measured as it
    // is documented to run. A later -Xmx or collector in the options below wins.
    command.add(ARGUS_HEAP);
    command.add(ARGUS_GC);
    command.add(ARGUS_YOUNG_GENERATION);
    command.addAll(options.jvmOptions());
    command.addAll(options.argusJvmOptions());
    command.addAll(
        List.of(
            "-jar",
            options.argusJar().toAbsolutePath().toString(),
            "run",
            "--config",
            config.toString()));
    Path log = runDir.resolve("argus.log");
    ChildProcess argus = track(ChildProcess.startLogged("argus", command, runDir, log));
    awaitExportable(argus, port, log);
    targets.put("argus", argus);
    ports.put("argus", port);
    out.printf(Locale.ROOT, "ARGUS pid %d on 127.0.0.1:%d%n", argus.pid(), port);
  }

  /** Retries a one-span export until ARGUS answers OK. */
  private void awaitExportable(ChildProcess argus, int port, Path log) throws Exception {
    byte[] probe = ExportRequests.of(1, PlainSpans::server).toByteArray();
    Payload payload = new Payload("probe", List.of(probe), 1);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!argus.isAlive()) {
        throw new IOException("ARGUS exited during startup; see " + log);
      }
      LoadResult result = new LoadDriver(port, 1, 1, 1).run(payload, TimeUnit.SECONDS.toNanos(5));
      if (result.requests() == 1) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException(
        "ARGUS did not accept an export within " + READY_TIMEOUT + "; see " + log);
  }

  private Measurement measure(
      int round, Payload payload, String name, ChildProcess target, int port, Sink sink)
      throws Exception {
    LoadDriver driver =
        new LoadDriver(
            port,
            options.concurrency(),
            options.channels(),
            options.maxRequests(),
            options.spansPerSecond());
    if (options.warmupSeconds() > 0) {
      driver.run(payload, TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
    }
    Sink.Stats before = sink.drain();
    boolean peakReset = ProcStats.resetPeakRss(target.pid());
    double cpuBefore = ProcStats.cpuSeconds(target.pid());
    LoadResult result = driver.run(payload, TimeUnit.SECONDS.toNanos(options.durationSeconds()));
    double cpu = ProcStats.cpuSeconds(target.pid()) - cpuBefore;
    long peak = ProcStats.peakRssKib(target.pid());
    Sink.Stats delivered = sink.drain().minus(before);
    out.printf(
        Locale.ROOT,
        "  %-7s %-8s %,10.0f spans/s  p99 %7.2f ms%s%n",
        payload.name(),
        name,
        result.spansPerSecond(),
        result.latencyMillis(0.99),
        peakReset ? "" : "  (peak RSS is the lifetime peak)");
    return new Measurement(
        round,
        payload.name(),
        name,
        result,
        cpu,
        peak,
        delivered.spans(),
        delivered.sampledSpans(),
        delivered.enrichedSpans());
  }

  private void soak(Payload payload, ChildProcess argus, int port) throws Exception {
    LoadDriver driver =
        new LoadDriver(port, options.concurrency(), options.channels(), options.maxRequests());
    out.printf(
        Locale.ROOT,
        "soak: %s workload for %d s at concurrency %d; RSS every %d s%n",
        payload.name(),
        options.soakSeconds(),
        options.concurrency(),
        SOAK_SAMPLE_SECONDS);
    Thread load =
        new Thread(
            () -> {
              try {
                driver.run(payload, TimeUnit.SECONDS.toNanos(options.soakSeconds()));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "soak-load");
    load.start();
    List<Long> samples = new ArrayList<>();
    long previousSpans = 0;
    double previousCpu = ProcStats.cpuSeconds(argus.pid());
    for (int t = SOAK_SAMPLE_SECONDS; load.isAlive(); t += SOAK_SAMPLE_SECONDS) {
      load.join(SOAK_SAMPLE_SECONDS * 1000L);
      if (!argus.isAlive()) {
        throw new IOException("ARGUS exited during the soak run");
      }
      long rss = ProcStats.rssKib(argus.pid());
      long spans = driver.ackedSpans();
      double cpu = ProcStats.cpuSeconds(argus.pid());
      samples.add(rss);
      out.printf(
          Locale.ROOT,
          "  t=%4ds  RSS %7.1f MiB  peak %7.1f MiB  %,9.0f spans/s  cpu %.2f%n",
          t,
          rss / 1024.0,
          ProcStats.peakRssKib(argus.pid()) / 1024.0,
          (spans - previousSpans) / (double) SOAK_SAMPLE_SECONDS,
          (cpu - previousCpu) / SOAK_SAMPLE_SECONDS);
      previousSpans = spans;
      previousCpu = cpu;
    }
    new LoadReport(out).printSoak(samples, ProcStats.peakRssKib(argus.pid()));
  }

  private ChildProcess track(ChildProcess process) {
    synchronized (started) {
      started.add(process);
    }
    return process;
  }

  private void stopAll() {
    synchronized (started) {
      for (ChildProcess process : started) {
        process.close();
      }
      started.clear();
    }
  }

  private static int freePort() throws IOException {
    // Small race between closing and ARGUS binding; acceptable for a manual benchmark tool.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
