package dev.argus.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluator;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.core.scoring.groundedness.GroundednessScorer;
import dev.argus.core.scoring.safety.InjectionDetector;
import dev.argus.core.scoring.safety.PiiFinding;
import dev.argus.core.scoring.safety.PiiKind;
import dev.argus.core.scoring.safety.PiiScanner;
import dev.argus.core.scoring.safety.ToxicityDetector;
import dev.argus.semconv.model.ContentStatus;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import dev.argus.semconv.model.TokenUsage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the measured quality of the scorers on the labelled development sets, each figure next to
 * a trivial baseline computed on the same rows, and optionally the time per full evaluation on a
 * generated corpus.
 *
 * <p>Usage: {@code QualityReport [data-dir] [--corpus corpus.jsonl]}; the data directory defaults
 * to {@code benchmarks/data}. A command-line tool beside the benchmarks, so that the scoring
 * modules stay free of file I/O.
 */
public final class QualityReport {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, PiiKind> PRESIDIO_TYPES =
      Map.of(
          "EMAIL_ADDRESS", PiiKind.EMAIL,
          "PHONE_NUMBER", PiiKind.PHONE,
          "CREDIT_CARD", PiiKind.CREDIT_CARD,
          "US_SSN", PiiKind.US_SSN,
          "IBAN_CODE", PiiKind.IBAN,
          "IP_ADDRESS", PiiKind.IP_ADDRESS);

  /** The naive detectors the PII figures are compared with. */
  private static final Map<PiiKind, Pattern> BASELINE_PATTERNS =
      Map.of(
          PiiKind.EMAIL, Pattern.compile("\\S+@\\S+"),
          PiiKind.PHONE, Pattern.compile("\\+?\\d[\\d ()\\-.]{6,}\\d"),
          PiiKind.CREDIT_CARD, Pattern.compile("\\d(?:[ -]?\\d){12,18}"),
          PiiKind.US_SSN, Pattern.compile("\\d{3}-\\d{2}-\\d{4}"),
          PiiKind.IBAN, Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}"),
          PiiKind.IP_ADDRESS, Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"));

  private final PrintStream out;
  private final boolean verbose;

  private QualityReport(PrintStream out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  /** Runs the report; see the class documentation for the arguments. */
  public static void main(String[] args) throws IOException {
    Path data = null;
    Path corpus = null;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--corpus") && i + 1 < args.length) {
        corpus = Path.of(args[++i]);
      } else if (args[i].equals("--verbose")) {
        verbose = true;
      } else {
        data = Path.of(args[i]);
      }
    }
    if (data == null) {
      data = Path.of("benchmarks/data");
    }
    if (!Files.isDirectory(data)) {
      System.err.println(
          "data directory not found: "
              + data.toAbsolutePath()
              + " (pass it as the first argument)");
      System.exit(2);
    }
    QualityReport report = new QualityReport(System.out, verbose);
    report.groundedness(data.resolve("halueval_qa/dev.jsonl"));
    report.pii(
        data.resolve("presidio_synth_pii/dev.jsonl"), data.resolve("bipia_injection/dev.jsonl"));
    report.toxicity(data.resolve("davidson_toxicity/dev.jsonl"));
    report.injection(data.resolve("bipia_injection/dev.jsonl"));
    if (corpus != null) {
      report.timing(corpus);
    }
  }

  private static List<JsonNode> rows(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(MAPPER.readTree(line));
      }
    }
    return rows;
  }

  private void groundedness(Path file) throws IOException {
    List<JsonNode> rows = rows(file);
    GroundednessScorer scorer = new GroundednessScorer();
    int n = rows.size();
    double[] risk = new double[n];
    double[] length = new double[n];
    boolean[] label = new boolean[n];
    boolean[] longAnswer = new boolean[n];
    int notApplicable = 0;
    for (int i = 0; i < n; i++) {
      JsonNode row = rows.get(i);
      String response = row.get("response").asText();
      GenAiCall call =
          GenAiCall.builder()
              .setPrompt(row.get("prompt").asText())
              .setCompletion(response)
              .addRetrievedDocument(new RetrievedDocument(null, null, row.get("context").asText()))
              .setContentStatus(ContentStatus.CAPTURED)
              .build();
      DimensionScore score = scorer.score(ScoringInput.of(call));
      if (!score.applicable()) {
        notApplicable++;
      }
      risk[i] = score.applicable() ? 1.0 - score.value() : 0.5;
      int words = response.isBlank() ? 0 : response.trim().split("\\s+").length;
      length[i] = words;
      label[i] = row.get("label").asInt() == 1;
      longAnswer[i] = words >= 4;
    }
    out.println("== Groundedness on halueval_qa (label 1 = hallucinated; risk = 1 - score)");
    out.printf(Locale.ROOT, "  rows %d, not applicable %d%n", n, notApplicable);
    printAuroc("all rows", risk, length, label, null);
    printAuroc("answers of 4+ words", risk, length, label, longAnswer);
  }

  private void printAuroc(
      String name, double[] scores, double[] baseline, boolean[] labels, boolean[] subset) {
    double[] s = select(scores, subset);
    double[] b = select(baseline, subset);
    boolean[] l = selectLabels(labels, subset);
    int positives = 0;
    for (boolean label : l) {
      positives += label ? 1 : 0;
    }
    out.printf(
        Locale.ROOT,
        "  %-28s n=%-5d pos=%-5d AUROC %.3f   baseline (length) %.3f%n",
        name,
        l.length,
        positives,
        Auroc.of(s, l),
        Auroc.of(b, l));
  }

  private static double[] select(double[] values, boolean[] subset) {
    if (subset == null) {
      return values;
    }
    double[] out = new double[count(subset)];
    for (int i = 0, j = 0; i < values.length; i++) {
      if (subset[i]) {
        out[j++] = values[i];
      }
    }
    return out;
  }

  private static boolean[] selectLabels(boolean[] values, boolean[] subset) {
    if (subset == null) {
      return values;
    }
    boolean[] out = new boolean[count(subset)];
    for (int i = 0, j = 0; i < values.length; i++) {
      if (subset[i]) {
        out[j++] = values[i];
      }
    }
    return out;
  }

  private static int count(boolean[] subset) {
    int count = 0;
    for (boolean b : subset) {
      count += b ? 1 : 0;
    }
    return count;
  }

  /** True and found spans per kind, matched when they overlap. */
  private static final class Tally {
    final Map<PiiKind, int[]> counts = new EnumMap<>(PiiKind.class); // tp, fp, fn

    void add(PiiKind kind, int tp, int fp, int fn) {
      int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
      c[0] += tp;
      c[1] += fp;
      c[2] += fn;
    }
  }

  private void pii(Path presidio, Path bipia) throws IOException {
    PiiScanner scanner = new PiiScanner();
    Tally ours = new Tally();
    Tally baseline = new Tally();
    for (JsonNode row : rows(presidio)) {
      String text = row.get("response").asText();
      List<int[]> truth = new ArrayList<>();
      List<PiiKind> truthKinds = new ArrayList<>();
      for (JsonNode span : row.get("spans")) {
        PiiKind kind = PRESIDIO_TYPES.get(span.get("type").asText());
        if (kind != null) {
          truth.add(new int[] {span.get("start").asInt(), span.get("end").asInt()});
          truthKinds.add(kind);
        }
      }
      List<PiiFinding> found = scanner.scan(text);
      tally(ours, text, truth, truthKinds, found, verbose);
      tally(baseline, text, truth, truthKinds, baselineScan(text), false);
    }
    out.println("== PII on presidio_synth_pii (spans matched by overlap)");
    for (PiiKind kind : PiiKind.values()) {
      int[] c = ours.counts.getOrDefault(kind, new int[3]);
      int[] b = baseline.counts.getOrDefault(kind, new int[3]);
      out.printf(
          Locale.ROOT,
          "  %-12s true %-4d precision %.3f recall %.3f   baseline (naive regex) precision %.3f"
              + " recall %.3f%n",
          kind.key(),
          c[0] + c[2],
          precision(c),
          recall(c),
          precision(b),
          recall(b));
    }
    falseFindings(bipia, scanner);
  }

  private void tally(
      Tally tally,
      String text,
      List<int[]> truth,
      List<PiiKind> truthKinds,
      List<PiiFinding> found,
      boolean print) {
    boolean[] matched = new boolean[truth.size()];
    for (PiiFinding finding : found) {
      boolean hit = false;
      for (int t = 0; t < truth.size(); t++) {
        int[] span = truth.get(t);
        if (truthKinds.get(t) == finding.kind()
            && finding.start() < span[1]
            && span[0] < finding.end()) {
          matched[t] = true;
          hit = true;
        }
      }
      tally.add(finding.kind(), hit ? 1 : 0, hit ? 0 : 1, 0);
      if (!hit && print) {
        out.println("    false " + finding.kind().key() + ": " + finding.in(text));
      }
    }
    for (int t = 0; t < truth.size(); t++) {
      if (!matched[t]) {
        tally.add(truthKinds.get(t), 0, 0, 1);
        if (print) {
          int[] span = truth.get(t);
          out.println(
              "    missed " + truthKinds.get(t).key() + ": " + text.substring(span[0], span[1]));
        }
      }
    }
  }

  private static List<PiiFinding> baselineScan(String text) {
    List<PiiFinding> found = new ArrayList<>();
    BASELINE_PATTERNS.forEach(
        (kind, pattern) -> {
          Matcher m = pattern.matcher(text);
          while (m.find()) {
            found.add(new PiiFinding(kind, m.start(), m.end()));
          }
        });
    return found;
  }

  private void falseFindings(Path bipia, PiiScanner scanner) throws IOException {
    Map<PiiKind, Integer> byKind = new EnumMap<>(PiiKind.class);
    int clean = 0;
    for (JsonNode row : rows(bipia)) {
      if (row.get("label").asInt() != 0) {
        continue;
      }
      clean++;
      String context = row.get("context").asText();
      for (PiiFinding finding : scanner.scan(context)) {
        byKind.merge(finding.kind(), 1, Integer::sum);
        if (verbose) {
          out.println("    bipia " + finding.kind().key() + ": " + finding.in(context));
        }
      }
    }
    out.printf(
        Locale.ROOT, "  findings on the %d clean bipia_injection contexts: %s%n", clean, byKind);
  }

  private static double precision(int[] c) {
    return c[0] + c[1] == 0 ? Double.NaN : c[0] / (double) (c[0] + c[1]);
  }

  private static double recall(int[] c) {
    return c[0] + c[2] == 0 ? Double.NaN : c[0] / (double) (c[0] + c[2]);
  }

  private void toxicity(Path file) throws IOException {
    List<JsonNode> rows = rows(file);
    ToxicityDetector detector = new ToxicityDetector();
    double[] scores = new double[rows.size()];
    double[] length = new double[rows.size()];
    boolean[] labels = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String text = rows.get(i).get("response").asText();
      scores[i] = detector.rate(text).score();
      length[i] = text.length();
      labels[i] = rows.get(i).get("label").asInt() == 1;
    }
    out.println("== Toxicity on davidson_toxicity (label 1 = hate or offensive)");
    printAuroc("all rows", scores, length, labels, null);
  }

  private void injection(Path file) throws IOException {
    List<JsonNode> rows = rows(file);
    InjectionDetector detector = new InjectionDetector();
    double[] scores = new double[rows.size()];
    double[] length = new double[rows.size()];
    boolean[] labels = new boolean[rows.size()];
    int flagged = 0;
    int flaggedClean = 0;
    for (int i = 0; i < rows.size(); i++) {
      String context = rows.get(i).get("context").asText();
      scores[i] = detector.rate(context);
      length[i] = context.length();
      labels[i] = rows.get(i).get("label").asInt() == 1;
      if (scores[i] >= 0.5) {
        flagged += labels[i] ? 1 : 0;
        flaggedClean += labels[i] ? 0 : 1;
      }
    }
    out.println("== Prompt injection on bipia_injection (context scanned; label 1 = injected)");
    printAuroc("all rows", scores, length, labels, null);
    out.printf(
        Locale.ROOT,
        "  flagged at risk >= 0.5: %d of %d injected, %d of %d clean%n",
        flagged,
        count(labels),
        flaggedClean,
        labels.length - count(labels));
  }

  private static Long longOrNull(JsonNode row, String field) {
    return row.path(field).isNumber() ? row.get(field).asLong() : null;
  }

  private void timing(Path corpus) throws IOException {
    List<ScoringInput> inputs = new ArrayList<>();
    for (JsonNode row : rows(corpus)) {
      GenAiCall.Builder call =
          GenAiCall.builder()
              .setOperation("chat")
              .setRequestModel(row.get("model_name").asText())
              .setPrompt(row.get("prompt").asText())
              .setCompletion(row.get("response").asText())
              .setFinishReasons(List.of("stop"))
              .setUsage(
                  new TokenUsage(
                      longOrNull(row, "input_tokens"),
                      longOrNull(row, "output_tokens"),
                      null,
                      null,
                      null))
              .setCostUsd(row.path("cost_usd").isNumber() ? row.get("cost_usd").asDouble() : null)
              .setDurationNanos((long) (row.path("latency_ms").asDouble() * 1_000_000))
              .setContentStatus(ContentStatus.CAPTURED);
      String context = row.get("context").asText();
      if (!context.isEmpty()) {
        call.addRetrievedDocument(new RetrievedDocument(null, null, context));
      }
      inputs.add(ScoringInput.of(call.build()));
    }
    Evaluator evaluator = new GenAiEvaluator(ScoringConfig.defaults());
    for (int round = 0; round < 3; round++) {
      inputs.forEach(evaluator::evaluate); // warm-up: JIT and caches
    }
    long[] nanos = new long[inputs.size()];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < inputs.size(); i++) {
      long start = System.nanoTime();
      evaluator.evaluate(inputs.get(i));
      nanos[i] = System.nanoTime() - start;
    }
    // CPU time is reported too: on a shared machine wall time includes waiting for a core.
    double cpuMean = (threads.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / inputs.size();
    Arrays.sort(nanos);
    out.printf(
        Locale.ROOT,
        "== Timing: %d corpus items, full evaluation: wall median %.1f us, p90 %.1f us,"
            + " p99 %.1f us; mean CPU %.1f us%n",
        nanos.length,
        nanos[nanos.length / 2] / 1000.0,
        nanos[nanos.length * 9 / 10] / 1000.0,
        nanos[nanos.length * 99 / 100] / 1000.0,
        cpuMean);
  }
}
