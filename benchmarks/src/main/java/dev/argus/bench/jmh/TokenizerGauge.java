package dev.argus.bench.jmh;

import dev.argus.bench.corpus.Corpus;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Tokenizer;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CPU nanoseconds per character of tokenising, and of tokenising then cutting into claims, over
 * every text of the corpus calls (prompt, completion, system instructions, retrieved documents).
 * Texts are visited in turn, so the per-thread memo of recent texts never answers and every visit
 * is a full scan.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.argus.bench.jmh.TokenizerGauge
 * [--seconds 5] [--calls 5000] [--rounds 5]}.
 */
public final class TokenizerGauge {

  private TokenizerGauge() {}

  /** Prints ns per character of {@code Tokenizer.tokenList} and {@code Sentences.claims}. */
  public static void main(String[] args) {
    int seconds = 5;
    int calls = 5_000;
    int rounds = 5;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--calls" -> calls = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    Corpus corpus = Corpus.load(calls, Corpus.DEFAULT_SEED);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      GenAiCall call = BenchmarkInputs.call(corpus.row(i));
      texts.add(call.prompt());
      texts.add(call.completion());
      if (call.systemInstructions() != null) {
        texts.add(call.systemInstructions());
      }
      for (RetrievedDocument document : call.retrievedContext()) {
        texts.add(document.content());
      }
    }
    String[] all = texts.toArray(String[]::new);
    long chars = 0;
    for (String text : all) {
      chars += text.length();
    }
    // On a shared machine the least disturbed round is the best estimate of the cost.
    double tokens = Double.MAX_VALUE;
    double claims = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      tokens =
          Math.min(
              tokens, nanosPerChar(all, chars, seconds, text -> Tokenizer.tokenList(text).size()));
      // Claims are always cut from a text the caller has just tokenised.
      claims =
          Math.min(
              claims,
              nanosPerChar(
                  all,
                  chars,
                  seconds,
                  text -> Tokenizer.tokenList(text).size() + Sentences.claims(text).size()));
    }
    System.out.printf(
        Locale.ROOT, "%d texts, %,d chars; best of %d rounds:%n", all.length, chars, rounds);
    System.out.printf(
        Locale.ROOT,
        "tokenList          %6.2f ns/char%ntokenList + claims %6.2f ns/char%n",
        tokens,
        claims);
  }

  private interface Work {
    int run(String text);
  }

  private static double nanosPerChar(String[] texts, long chars, int seconds, Work work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long started = threads.getCurrentThreadCpuTime();
    long passes = 0;
    long sink = 0;
    while (System.nanoTime() < end) {
      for (String text : texts) {
        sink += work.run(text);
      }
      passes++;
    }
    double nanos = threads.getCurrentThreadCpuTime() - started;
    // Keeps the work observable so the compiler cannot drop it.
    if (sink == 42) {
      System.out.print("");
    }
    return nanos / (passes * chars);
  }
}
