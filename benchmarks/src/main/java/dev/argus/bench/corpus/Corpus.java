package dev.argus.bench.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The deterministic benchmark corpus, written by {@code gen_corpus.py} (bundled as a resource,
 * standard-library Python 3) and read back as {@link Interaction}s.
 *
 * <p>The same {@code n} and {@code seed} always give the same rows. Generated files are cached in
 * the directory named by the system property {@value #DIR_PROPERTY} (default: {@code
 * argus-bench-corpus} under {@code java.io.tmpdir}), so only the first run pays for Python.
 */
public final class Corpus {
  /** System property naming the cache directory for generated corpus files. */
  public static final String DIR_PROPERTY = "argus.bench.corpus.dir";

  /** Seed used by every benchmark unless told otherwise; the one the reference figures use. */
  public static final long DEFAULT_SEED = 20240601L;

  private static final String SCRIPT = "gen_corpus.py";
  private static final String USER_MARKER = "\n\nUser: ";
  private static final long GENERATE_TIMEOUT_SECONDS = 600;

  private final List<Interaction> rows;

  private Corpus(List<Interaction> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Returns the first {@code n} rows for {@code seed}, generating them on first use. */
  public static Corpus load(int n, long seed) {
    if (n <= 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: > 0)");
    }
    try {
      return new Corpus(read(generate(n, seed)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load corpus n=" + n + " seed=" + seed, e);
    }
  }

  /** Returns the rows in corpus order. */
  public List<Interaction> rows() {
    return rows;
  }

  /** Returns the number of rows. */
  public int size() {
    return rows.size();
  }

  /** Returns row {@code index modulo size()}, so callers can cycle through the corpus. */
  public Interaction row(int index) {
    return rows.get(Math.floorMod(index, rows.size()));
  }

  /**
   * Returns a completion of exactly {@code chars} characters made of consecutive corpus responses
   * (starting at row {@code start}), so larger sizes keep the corpus's mix of text kinds.
   */
  public String completionOfSize(int start, int chars) {
    StringBuilder text = new StringBuilder(chars + 4_000);
    for (int i = start; text.length() < chars; i++) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(row(i).response());
    }
    text.setLength(chars);
    return text.toString();
  }

  private static Path generate(int n, long seed) throws IOException {
    Path dir =
        Path.of(
            System.getProperty(
                DIR_PROPERTY,
                Path.of(System.getProperty("java.io.tmpdir"), "argus-bench-corpus").toString()));
    Files.createDirectories(dir);
    Path out = dir.resolve("corpus-" + n + "-" + seed + ".jsonl");
    if (Files.isRegularFile(out)) {
      return out;
    }
    Path script = dir.resolve(SCRIPT);
    try (InputStream in = Corpus.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException("resource missing: " + SCRIPT);
      }
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    // Write to a temporary name first so a concurrent or interrupted run never sees half a file.
    Path partial = Files.createTempFile(dir, "corpus-", ".partial");
    Process python =
        new ProcessBuilder(
                "python3",
                script.toString(),
                "--n",
                Integer.toString(n),
                "--seed",
                Long.toString(seed),
                "--out",
                partial.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!python.waitFor(GENERATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        python.destroyForcibly();
        throw new IOException("gen_corpus.py did not finish in " + GENERATE_TIMEOUT_SECONDS + "s");
      }
    } catch (InterruptedException e) {
      python.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating the corpus", e);
    }
    if (python.exitValue() != 0) {
      throw new IOException("gen_corpus.py exited with " + python.exitValue());
    }
    Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  private static List<Interaction> read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Interaction> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(toInteraction(json.readTree(line)));
        }
      }
    }
    return rows;
  }

  private static Interaction toInteraction(JsonNode row) {
    // The generator writes "<system prompt>\n\nUser: <question and material>" as one prompt.
    String fullPrompt = row.path("prompt").asText();
    int marker = fullPrompt.indexOf(USER_MARKER);
    String system = marker < 0 ? "" : fullPrompt.substring(0, marker);
    String prompt = marker < 0 ? fullPrompt : fullPrompt.substring(marker + USER_MARKER.length());
    return new Interaction(
        row.path("id").asText(),
        row.path("kind").asText(),
        system,
        prompt,
        row.path("context").asText(""),
        row.path("response").asText(),
        row.path("model_name").asText(),
        row.hasNonNull("latency_ms") ? row.get("latency_ms").asDouble() : null,
        row.hasNonNull("input_tokens") ? row.get("input_tokens").asLong() : null,
        row.hasNonNull("output_tokens") ? row.get("output_tokens").asLong() : null,
        row.hasNonNull("cost_usd") ? row.get("cost_usd").asDouble() : null);
  }
}
