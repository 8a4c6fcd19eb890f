package dev.argus.core.correction;

import dev.argus.core.scoring.Dimension;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The text ARGUS adds to a prompt for each failed dimension. Every field has a default; config
 * overrides single entries with {@link #withInstruction(Dimension, String)}.
 *
 * @param preamble the line that opens the block of correction instructions
 * @param instructions one instruction per dimension; every dimension has an entry
 * @param jsonInstruction the reliability instruction used instead of the dimension's own when the
 *     original call asked for JSON output
 */
public record CorrectionTemplates(
    String preamble, Map<Dimension, String> instructions, String jsonInstruction) {

  /** Default {@link #preamble()}. */
  public static final String DEFAULT_PREAMBLE =
      "Your previous answer to this conversation was rejected by an automated quality check."
          + " Answer the last user message again and follow these additional rules:";

  /** Default {@link #jsonInstruction()}. */
  public static final String DEFAULT_JSON_INSTRUCTION =
      "Return only one valid JSON value that parses without errors: no prose, no code fences,"
          + " no trailing text, and close every bracket and string.";

  private static final Map<Dimension, String> DEFAULT_INSTRUCTIONS = defaultInstructions();

  /** Validates the components and fills missing dimensions with their defaults. */
  public CorrectionTemplates {
    requireText(preamble, "preamble");
    requireText(jsonInstruction, "json_instruction");
    Map<Dimension, String> merged = new EnumMap<>(DEFAULT_INSTRUCTIONS);
    if (instructions != null) {
      instructions.forEach(
          (dimension, text) -> merged.put(dimension, requireText(text, dimension.key())));
    }
    instructions = Map.copyOf(merged);
  }

  /** Returns the default templates. */
  public static CorrectionTemplates defaults() {
    return new CorrectionTemplates(DEFAULT_PREAMBLE, Map.of(), DEFAULT_JSON_INSTRUCTION);
  }

  /** Returns a copy with the instruction for {@code dimension} replaced. */
  public CorrectionTemplates withInstruction(Dimension dimension, String text) {
    Map<Dimension, String> changed = new EnumMap<>(instructions);
    changed.put(Objects.requireNonNull(dimension, "dimension"), text);
    return new CorrectionTemplates(preamble, changed, jsonInstruction);
  }

  /** Returns a copy with the preamble replaced. */
  public CorrectionTemplates withPreamble(String text) {
    return new CorrectionTemplates(text, instructions, jsonInstruction);
  }

  /** Returns a copy with the JSON instruction replaced. */
  public CorrectionTemplates withJsonInstruction(String text) {
    return new CorrectionTemplates(preamble, instructions, text);
  }

  /** Returns the instruction for {@code dimension}. */
  public String instruction(Dimension dimension) {
    return instructions.get(dimension);
  }

  private static String requireText(String text, String name) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "correction.templates." + name + ": " + text + " (expected: non-blank text)");
    }
    return text;
  }

  private static Map<Dimension, String> defaultInstructions() {
    Map<Dimension, String> defaults = new EnumMap<>(Dimension.class);
    defaults.put(
        Dimension.GROUNDEDNESS,
        "Answer only from the context given in this conversation and cite the document id for"
            + " every statement. If the context does not contain the answer, say so instead of"
            + " guessing.");
    defaults.put(
        Dimension.SAFETY,
        "Do not include personal data (names of private persons, e-mail addresses, phone"
            + " numbers, postal addresses, account or card numbers) and no harmful or abusive"
            + " content; point to the official channel instead.");
    defaults.put(
        Dimension.RELIABILITY,
        "Give a complete answer in the requested format; do not stop early and do not refuse a"
            + " request you can answer.");
    defaults.put(
        Dimension.ACCURACY,
        "Answer the question directly and precisely, without hedging, and check every fact"
            + " before stating it.");
    defaults.put(
        Dimension.VARIANCE,
        "Answer deterministically: state one definite answer without hedging or alternatives.");
    defaults.put(
        Dimension.INFERENCE_COST,
        "Keep the answer short: at most a few sentences, no repetition and no preamble.");
    return defaults;
  }
}
