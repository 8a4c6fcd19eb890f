package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Corpus;
import dev.argus.bench.corpus.Interaction;
import dev.argus.bench.otlp.GenAiSpans;
import dev.argus.semconv.extract.GenAiExtractor;
import dev.argus.semconv.model.GenAiCall;

/** Corpus-derived inputs shared by the JMH benchmarks. */
final class BenchmarkInputs {
  /** Rows loaded for the JMH benchmarks: enough variety, quick to generate. */
  static final int CORPUS_ROWS = 1_000;

  /** Value of the size parameter that means "the corpus rows as generated". */
  static final String CORPUS_SIZE = "corpus";

  private BenchmarkInputs() {}

  /** Returns the shared benchmark corpus. */
  static Corpus corpus() {
    return Corpus.load(CORPUS_ROWS, Corpus.DEFAULT_SEED);
  }

  /**
   * Returns {@code count} corpus rows starting at {@code start}; with a numeric {@code
   * completionChars} each response is replaced by corpus text of exactly that many characters.
   */
  static Interaction[] rows(Corpus corpus, String completionChars, int count) {
    Interaction[] rows = new Interaction[count];
    for (int i = 0; i < count; i++) {
      Interaction row = corpus.row(i);
      rows[i] =
          CORPUS_SIZE.equals(completionChars)
              ? row
              : row.withResponse(corpus.completionOfSize(i * 7, Integer.parseInt(completionChars)));
    }
    return rows;
  }

  /**
   * Returns the call ARGUS reads from {@code row} written as a current-semconv chat span, so
   * scorers see exactly what they see in production; throws when extraction finds nothing.
   */
  static GenAiCall call(Interaction row) {
    return GenAiExtractor.standard()
        .extract(GenAiSpans.chat(row, 0))
        .orElseThrow(() -> new IllegalStateException("no gen-AI call extracted from " + row.id()));
  }
}
