package dev.argus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ThresholdOverride;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code scoring} section: profile, thresholds and weights, per-service overrides, the
 * golden answers file and the knobs of individual scorers. The delivery-security keys under {@code
 * scoring} are read by {@link DeliverySecuritySettings}.
 */
final class ScoringSection {
  /** Every key of the section, in the order an unknown-key message lists them. */
  static final List<String> KEYS = keys();

  private static final String COMPOSITE = "composite";
  private static final String OVERRIDES = "scoring.overrides";
  private static final List<String> OVERRIDE_KEYS = List.of("service_name", "model", "thresholds");
  private static final int MAX_VARIANCE_PROMPTS = 10_000_000;
  private static final int MAX_ANSWERS_PER_PROMPT = 1_000;

  private ScoringSection() {}

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    keys.add("scoring.profile");
    keys.add("scoring.thresholds");
    keys.add("scoring.weights");
    keys.add("scoring.latency_sla");
    keys.add("scoring.cost.budget_tokens");
    keys.addAll(DeliverySecuritySettings.SCORING_KEYS);
    // A list of mappings, checked entry by entry.
    keys.add("scoring.overrides");
    keys.add("scoring.golden_answers.file");
    keys.add("scoring.safety.phone_regions");
    keys.add("scoring.variance.max_prompts");
    keys.add("scoring.variance.answers_per_prompt");
    keys.add("scoring.variance.ttl");
    return List.copyOf(keys);
  }

  /** Returns the {@code scoring} settings; problems are added to {@code in}. */
  static ScoringSettings read(ConfigReader in) {
    String profile = in.nonEmpty("scoring.profile", ScoringSettings.DEFAULT_PROFILE);
    Map<Dimension, Double> thresholds = new EnumMap<>(Dimension.class);
    Double composite = null;
    for (Map.Entry<String, String> entry : in.stringMap("scoring.thresholds").entrySet()) {
      String key = "scoring.thresholds." + entry.getKey();
      Double value = in.number(key, entry.getValue(), 0.0, 1.0, "a number from 0 to 1");
      if (entry.getKey().equals(COMPOSITE)) {
        composite = value;
      } else if (in.dimension(key, entry.getKey(), true) != null && value != null) {
        thresholds.put(Dimension.fromKey(entry.getKey()), value);
      }
    }
    Map<Dimension, Double> weights = new EnumMap<>(Dimension.class);
    for (Map.Entry<String, String> entry : in.stringMap("scoring.weights").entrySet()) {
      String key = "scoring.weights." + entry.getKey();
      Double value = in.number(key, entry.getValue(), 0.0, Double.MAX_VALUE, "a number >= 0");
      if (in.dimension(key, entry.getKey(), false) != null && value != null) {
        weights.put(Dimension.fromKey(entry.getKey()), value);
      }
    }
    Duration latencySla =
        in.duration(
            "scoring.latency_sla", Duration.ofMillis(ScoringConfig.DEFAULT_LATENCY_SLA_MILLIS));
    long budget =
        in.integer(
            "scoring.cost.budget_tokens",
            (int) ScoringConfig.DEFAULT_COST_BUDGET_TOKENS,
            1,
            Integer.MAX_VALUE);
    List<ThresholdOverride> overrides = overrides(in);
    String golden = in.nonEmpty("scoring.golden_answers.file", null);
    Path goldenFile = golden == null ? null : Path.of(golden);
    Map<String, String> goldenAnswers =
        goldenFile == null ? Map.of() : goldenAnswers(in, goldenFile);
    List<String> phoneRegions = in.stringList("scoring.safety.phone_regions");
    int maxPrompts =
        in.integer(
            "scoring.variance.max_prompts",
            ScoringConfig.DEFAULT_VARIANCE_MAX_PROMPTS,
            1,
            MAX_VARIANCE_PROMPTS);
    int answersPerPrompt =
        in.integer(
            "scoring.variance.answers_per_prompt",
            ScoringConfig.DEFAULT_VARIANCE_ANSWERS_PER_PROMPT,
            2,
            MAX_ANSWERS_PER_PROMPT);
    Duration varianceTtl = in.duration("scoring.variance.ttl", ScoringConfig.DEFAULT_VARIANCE_TTL);
    ScoringSettings settings =
        new ScoringSettings(
            profile,
            thresholds,
            composite,
            weights,
            latencySla == null
                ? Duration.ofMillis(ScoringConfig.DEFAULT_LATENCY_SLA_MILLIS)
                : latencySla,
            budget,
            overrides,
            goldenFile,
            goldenAnswers,
            phoneRegions,
            maxPrompts,
            answersPerPrompt,
            varianceTtl == null ? ScoringConfig.DEFAULT_VARIANCE_TTL : varianceTtl);
    if (profile != null) {
      try {
        // The scoring engine knows the profiles and the rules that span several keys.
        settings.toScoringConfig();
      } catch (IllegalArgumentException e) {
        in.problems().addAll(List.of(e.getMessage().split("; ")));
      }
    }
    return settings;
  }

  /**
   * Reads {@code scoring.overrides}: a list of mappings with {@code service_name} and/or {@code
   * model} and a {@code thresholds} mapping (dimensions and {@code composite}).
   */
  private static List<ThresholdOverride> overrides(ConfigReader in) {
    JsonNode list = in.node(OVERRIDES);
    List<ThresholdOverride> overrides = new ArrayList<>();
    if (list == null) {
      return overrides;
    }
    if (!list.isArray()) {
      in.problem(OVERRIDES, SecretValues.render(OVERRIDES, list), "a list of mappings");
      return overrides;
    }
    for (int i = 0; i < list.size(); i++) {
      String key = OVERRIDES + "[" + i + "]";
      JsonNode entry = list.get(i);
      if (!entry.isObject()) {
        in.problem(
            key, SecretValues.render(key, entry), "a mapping with service_name, model, thresholds");
        continue;
      }
      Iterator<String> names = entry.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!OVERRIDE_KEYS.contains(name)) {
          in.problems()
              .add(
                  key
                      + "."
                      + name
                      + ": unknown key (expected one of: "
                      + String.join(", ", OVERRIDE_KEYS)
                      + ")");
        }
      }
      String service = scalar(in, entry, key + ".service_name", "service_name");
      String model = scalar(in, entry, key + ".model", "model");
      Map<Dimension, Double> values = new EnumMap<>(Dimension.class);
      Double composite = null;
      JsonNode thresholds = entry.get("thresholds");
      if (thresholds != null && !thresholds.isObject()) {
        in.problem(
            key + ".thresholds",
            SecretValues.render(key + ".thresholds", thresholds),
            "a mapping of dimensions to numbers");
      } else if (thresholds != null) {
        Iterator<Map.Entry<String, JsonNode>> fields = thresholds.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          String valueKey = key + ".thresholds." + field.getKey();
          Double value =
              in.number(
                  valueKey,
                  SecretValues.render(valueKey, field.getValue()),
                  0.0,
                  1.0,
                  "a number from 0 to 1");
          if (field.getKey().equals(COMPOSITE)) {
            composite = value;
          } else if (in.dimension(valueKey, field.getKey(), true) != null && value != null) {
            values.put(Dimension.fromKey(field.getKey()), value);
          }
        }
      }
      overrides.add(new ThresholdOverride(service, model, values, composite));
    }
    return overrides;
  }

  private static String scalar(ConfigReader in, JsonNode entry, String key, String name) {
    JsonNode node = entry.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isContainerNode() || node.asText().isBlank()) {
      in.problem(key, SecretValues.render(key, node), "a non-empty string");
      return null;
    }
    return node.asText();
  }

  /**
   * Reads the golden answers file: a YAML (or JSON) list of {@code {prompt, answer}} entries. Every
   * bad entry is reported; the good ones are kept.
   */
  private static Map<String, String> goldenAnswers(ConfigReader in, Path file) {
    String key = "scoring.golden_answers.file";
    JsonNode entries;
    try {
      entries = ConfigLoader.YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      in.problem(key, file.toString(), "a readable YAML or JSON file (" + e.getMessage() + ")");
      return Map.of();
    }
    if (entries == null || !entries.isArray()) {
      in.problem(key, file.toString(), "a list of entries with prompt and answer");
      return Map.of();
    }
    Map<String, String> answers = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      JsonNode prompt = entry.get("prompt");
      JsonNode answer = entry.get("answer");
      if (prompt == null
          || answer == null
          || !prompt.isTextual()
          || !answer.isTextual()
          || prompt.asText().isBlank()) {
        in.problem(
            key,
            file + " entry " + i,
            "prompt and answer strings, for example {prompt: ..., answer: ...}");
        continue;
      }
      answers.put(prompt.asText(), answer.asText());
    }
    return answers;
  }
}
