package dev.argus.bench.quality;

import dev.argus.bench.cli.OptionPairs;
import dev.argus.bench.corpus.Corpus;
import dev.argus.bench.corpus.Interaction;
import dev.argus.bench.otlp.GenAiSpans;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.GenAiEvaluator;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.model.GenAiCall;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes every corpus interaction's evaluation (each dimension's score, explanation and evidence,
 * the composite and the verdict) as one line of text, in corpus order, with one evaluator fed the
 * rows in sequence as traffic would.
 *
 * <p>Two dumps of the same corpus are compared with {@code diff}: a change meant only to make
 * scoring faster must leave the dump byte-identical.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.argus.bench.quality.ScoreDump
 * [--rows 5000] [--out FILE]} (default: standard output).
 */
public final class ScoreDump {
  private static final String USAGE =
      "usage: java -cp benchmarks/target/benchmarks.jar dev.argus.bench.quality.ScoreDump"
          + " [--rows 5000] [--out scores.txt]";

  private ScoreDump() {}

  /** Writes the dump; see the class documentation for the options. */
  public static void main(String[] args) {
    int rows = 5_000;
    Path out = null;
    Map<String, String> options = OptionPairs.parse(args, USAGE);
    if (options == null) {
      return;
    }
    for (Map.Entry<String, String> option : options.entrySet()) {
      switch (option.getKey()) {
        case "--rows" -> rows = Integer.parseInt(option.getValue());
        case "--out" -> out = Path.of(option.getValue());
        default ->
            throw new IllegalArgumentException(
                "unknown option: " + option.getKey() + " (expected: --rows, --out)");
      }
    }
    Corpus corpus = Corpus.load(rows, Corpus.DEFAULT_SEED);
    try (PrintStream print = open(out)) {
      dump(corpus, print);
    }
  }

  private static PrintStream open(Path out) {
    if (out == null) {
      return new PrintStream(System.out, false, StandardCharsets.UTF_8);
    }
    try {
      return new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void dump(Corpus corpus, PrintStream print) {
    GenAiEvaluator evaluator = new GenAiEvaluator(ScoringConfig.defaults());
    GenAiExtractor extractor = GenAiExtractor.standard();
    for (int i = 0; i < corpus.size(); i++) {
      Interaction row = corpus.row(i);
      Optional<GenAiCall> call = extractor.extract(GenAiSpans.chat(row, i));
      if (call.isEmpty()) {
        print.println(row.id() + "\tnot extracted");
        continue;
      }
      print.println(row.id() + "\t" + line(evaluator.evaluate(ScoringInput.of(call.get()))));
    }
  }

  private static String line(Evaluation evaluation) {
    StringBuilder line = new StringBuilder();
    line.append(evaluation.verdict())
        .append('\t')
        .append(evaluation.composite() == null ? "-" : exact(evaluation.composite()));
    for (Dimension dimension : Dimension.values()) {
      DimensionScore score = evaluation.scores().get(dimension);
      line.append('\t').append(dimension.name().toLowerCase(Locale.ROOT)).append('=');
      if (score == null) {
        line.append("absent");
      } else if (!score.applicable()) {
        line.append("n/a ").append(score.explanation());
      } else {
        line.append(exact(score.value()))
            .append(' ')
            .append(score.explanation())
            .append(' ')
            .append(new TreeMap<String, Object>(score.evidence()));
      }
    }
    return line.toString().replace('\n', ' ');
  }

  // Full precision: a speed change that moves a score in the last digit is still a change.
  private static String exact(double value) {
    return Double.toString(value);
  }
}
