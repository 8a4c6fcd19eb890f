package dev.argus.core.correction;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.Evaluation;
import dev.argus.core.scoring.Severity;
import dev.argus.core.scoring.Verdict;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a failed evaluation into a {@link CorrectionPlan}: which dimensions failed and by how much,
 * with sanitised evidence, and the original request with targeted instructions added so the
 * application can resend it as is. Pure and thread-safe.
 */
public final class CorrectionPlanner {

  private static final String SYSTEM = "system";
  private static final String USER = "user";
  private static final String JSON_OBJECT = "json_object";

  private final CorrectionTemplates templates;
  private final EvidenceSanitizer sanitizer;

  /**
   * Creates a planner.
   *
   * @param templates the instruction text per dimension
   * @param masker masks personal data in any text the evidence carries
   */
  public CorrectionPlanner(CorrectionTemplates templates, PiiMasker masker) {
    this.templates = Objects.requireNonNull(templates, "templates");
    this.sanitizer = new EvidenceSanitizer(Objects.requireNonNull(masker, "masker"));
  }

  /** Returns a planner with the default templates and {@link ScannerPiiMasker}. */
  public static CorrectionPlanner withDefaults() {
    return new CorrectionPlanner(CorrectionTemplates.defaults(), ScannerPiiMasker.withDefaults());
  }

  /** Returns the plan for a failed call, or empty when the verdict is not {@code fail}. */
  public Optional<CorrectionPlan> plan(Evaluation evaluation, GenAiCall call) {
    Objects.requireNonNull(call, "call");
    if (evaluation.verdict() != Verdict.FAIL) {
      return Optional.empty();
    }
    List<FailedDimension> failures = failures(evaluation);
    List<String> instructions = instructions(failures, call);
    RewrittenPrompt prompt = rewrite(call, instructionBlock(instructions));
    return Optional.of(new CorrectionPlan(severity(failures), failures, instructions, prompt));
  }

  /**
   * Returns the findings of {@code score} as a plan would carry them: text masked and capped, and
   * for safety only kinds, counts and labels. For showing any score, failed or not, to a reader who
   * must not see the personal data it found.
   */
  public Map<String, Object> sanitizedEvidence(DimensionScore score) {
    return sanitizer.sanitize(score.dimension(), score.evidence());
  }

  /** Returns {@code text} with personal data masked and capped, as plans carry explanations. */
  public String maskText(String text) {
    return sanitizer.maskText(text);
  }

  /**
   * Returns the failed dimensions, worst first. When only the composite failed, the lowest
   * applicable score stands in, with no threshold.
   */
  List<FailedDimension> failures(Evaluation evaluation) {
    List<FailedDimension> failures = new ArrayList<>();
    for (Dimension dimension : evaluation.failedDimensions()) {
      DimensionScore score = evaluation.scores().get(dimension);
      if (score != null && score.applicable()) {
        failures.add(failure(score, evaluation.thresholds().get(dimension)));
      }
    }
    if (failures.isEmpty()) {
      evaluation.scores().values().stream()
          .filter(DimensionScore::applicable)
          .min(Comparator.comparingDouble(DimensionScore::value))
          .ifPresent(score -> failures.add(failure(score, null)));
    }
    failures.sort(Comparator.comparingDouble(CorrectionPlanner::shortfall).reversed());
    return failures;
  }

  private FailedDimension failure(DimensionScore score, Double threshold) {
    return new FailedDimension(
        score.dimension(),
        score.value(),
        threshold,
        sanitizer.maskText(score.explanation()),
        sanitizer.sanitize(score.dimension(), score.evidence()));
  }

  private static double shortfall(FailedDimension failure) {
    double threshold = failure.threshold() == null ? 1.0 : failure.threshold();
    return Math.max(0.0, threshold - failure.score());
  }

  /**
   * Returns the worst severity among the failures, at least {@code LOW}; a stand-in failure of a
   * composite-only verdict (no threshold) counts as {@code LOW}.
   */
  private static Severity severity(List<FailedDimension> failures) {
    Severity worst = Severity.LOW;
    for (FailedDimension failure : failures) {
      Severity severity =
          failure.threshold() == null
              ? Severity.LOW
              : Severity.of(failure.score(), failure.threshold());
      // Personal data that reached a user is never a small problem, whatever the score says.
      if (failure.dimension() == Dimension.SAFETY && severity.compareTo(Severity.HIGH) < 0) {
        severity = Severity.HIGH;
      }
      worst = severity.compareTo(worst) > 0 ? severity : worst;
    }
    return worst;
  }

  private List<String> instructions(List<FailedDimension> failures, GenAiCall call) {
    Set<String> instructions = new LinkedHashSet<>();
    for (FailedDimension failure : failures) {
      if (failure.dimension() == Dimension.RELIABILITY && wantsJson(call)) {
        instructions.add(templates.jsonInstruction());
      } else {
        instructions.add(templates.instruction(failure.dimension()));
      }
    }
    return List.copyOf(instructions);
  }

  private String instructionBlock(List<String> instructions) {
    StringBuilder block = new StringBuilder(templates.preamble());
    for (int i = 0; i < instructions.size(); i++) {
      block.append('\n').append(i + 1).append(". ").append(instructions.get(i));
    }
    return block.toString();
  }

  /**
   * Returns the original request with {@code block} appended to its first system message, or in a
   * new leading system message (after the call's system instructions) when it had none.
   */
  RewrittenPrompt rewrite(GenAiCall call, String block) {
    List<PromptMessage> messages = new ArrayList<>(call.inputMessages().size() + 2);
    boolean hasSystem = call.inputMessages().stream().anyMatch(m -> SYSTEM.equals(m.role()));
    if (!hasSystem) {
      String system = call.systemInstructions();
      messages.add(PromptMessage.of(SYSTEM, system.isEmpty() ? block : system + "\n\n" + block));
    }
    boolean augmented = !hasSystem;
    boolean hasUser = false;
    for (ChatMessage message : call.inputMessages()) {
      String text = message.text();
      if (!augmented && SYSTEM.equals(message.role())) {
        text = text.isEmpty() ? block : text + "\n\n" + block;
        augmented = true;
      }
      hasUser |= USER.equals(message.role());
      messages.add(
          new PromptMessage(message.role(), text, message.toolCalls(), message.toolCallId()));
    }
    // Some producers record only the last prompt, not the history.
    if (!hasUser && !call.prompt().isEmpty()) {
      messages.add(PromptMessage.of(USER, call.prompt()));
    }
    String model = call.requestModel() != null ? call.requestModel() : call.model();
    return new RewrittenPrompt(model, messages, wantsJson(call) ? JSON_OBJECT : null);
  }

  private static boolean wantsJson(GenAiCall call) {
    String format = call.requestedFormat();
    return format != null && format.toLowerCase(Locale.ROOT).contains("json");
  }

  /** Keeps evidence machine-readable and free of personal data. */
  static final class EvidenceSanitizer {
    private static final int MAX_DEPTH = 4;
    private static final int MAX_TEXT_CHARS = 500;

    private final PiiMasker masker;

    EvidenceSanitizer(PiiMasker masker) {
      this.masker = masker;
    }

    /**
     * Returns {@code evidence} with text masked and capped. For safety findings only kinds, counts
     * and labels survive: free text there is what leaked, and a masker cannot see every kind of
     * personal data (a name, for one).
     */
    Map<String, Object> sanitize(Dimension dimension, Map<String, Object> evidence) {
      Map<String, Object> clean = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : evidence.entrySet()) {
        if (dimension == Dimension.SAFETY && !isLabelKey(entry.getKey())) {
          Object value = numbersOnly(entry.getValue());
          if (value != null) {
            clean.put(entry.getKey(), value);
          }
          continue;
        }
        Object value = clean(entry.getValue(), 0);
        if (value != null) {
          clean.put(entry.getKey(), value);
        }
      }
      return clean;
    }

    String maskText(String text) {
      String masked = masker.mask(text);
      return masked.length() <= MAX_TEXT_CHARS ? masked : masked.substring(0, MAX_TEXT_CHARS);
    }

    private static boolean isLabelKey(String key) {
      String lower = key.toLowerCase(Locale.ROOT);
      return lower.contains("kind")
          || lower.contains("type")
          || lower.contains("categor")
          || lower.contains("label")
          || lower.contains("rule");
    }

    // Counts per kind ({"EMAIL_ADDRESS": 1}) are kept: the keys are labels, the values numbers.
    private static Object numbersOnly(Object value) {
      if (value instanceof Number || value instanceof Boolean) {
        return value;
      }
      if (value instanceof Map<?, ?> map
          && map.values().stream().allMatch(item -> item instanceof Number)) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
      }
      return null;
    }

    private Object clean(Object value, int depth) {
      if (value == null || value instanceof Number || value instanceof Boolean) {
        return value;
      }
      if (depth >= MAX_DEPTH) {
        return null;
      }
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> putIfPresent(copy, String.valueOf(key), clean(item, depth + 1)));
        return copy;
      }
      if (value instanceof Iterable<?> items) {
        List<Object> copy = new ArrayList<>();
        for (Object item : items) {
          Object cleaned = clean(item, depth + 1);
          if (cleaned != null) {
            copy.add(cleaned);
          }
        }
        return copy;
      }
      return maskText(String.valueOf(value));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
      if (value != null) {
        map.put(key, value);
      }
    }
  }
}
