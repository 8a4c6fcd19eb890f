package dev.argus.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.core.correction.CorrectionTemplates;
import dev.argus.core.scoring.Severity;
import dev.argus.core.scoring.Dimension;
import dev.argus.server.config.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code correction} section of the ARGUS config (YAML or JSON, as a Jackson tree)
 * into a {@link CorrectionConfig}. Every problem is collected and reported at once, each naming
 * the key, the value and what was expected; secrets never appear in messages.
 */
public final class CorrectionConfigParser {

  private static final Pattern ENV_REFERENCE =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  private static final String PREFIX = "correction.";
  private static final Set<String> SECTION_KEYS =
      Set.of("enabled", "max_attempts", "dedupe_window", "local_file", "local_file_max_mib",
          "templates", "webhooks");
  private static final Set<String> WEBHOOK_KEYS =
      Set.of("timeout", "sending_queue", "retry_on_failure", "circuit_breaker",
          "dead_letter_file", "subscribers");
  private static final Set<String> SUBSCRIBER_KEYS =
      Set.of("name", "endpoint", "secret", "secret_env", "include_content", "filter");
  private static final Set<String> FILTER_KEYS =
      Set.of("event_types", "dimensions", "min_severity", "service_names", "models");
  private static final Set<String> QUEUE_KEYS = Set.of("queue_size");
  private static final Set<String> RETRY_KEYS =
      Set.of("initial_interval", "max_interval", "multiplier", "randomization_factor",
          "max_elapsed_time");
  private static final Set<String> BREAKER_KEYS = Set.of("failure_threshold", "open_duration");

  private final Function<String, String> environment;
  private final List<String> errors = new ArrayList<>();

  private CorrectionConfigParser(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Parses {@code section} (may be null or missing: the defaults) with the process environment. */
  public static CorrectionConfig parse(JsonNode section) {
    return parse(section, System::getenv);
  }

  /**
   * Parses {@code section}; {@code environment} resolves {@code secret_env} names.
   *
   * @throws IllegalArgumentException listing every problem, one per line
   */
  public static CorrectionConfig parse(JsonNode section, Function<String, String> environment) {
    CorrectionConfigParser parser = new CorrectionConfigParser(environment);
    CorrectionConfig config = parser.read(section);
    if (!parser.errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", parser.errors));
    }
    return config;
  }

  private CorrectionConfig read(JsonNode value) {
    CorrectionConfig.Builder builder = CorrectionConfig.builder();
    JsonNode section = mapping(value, "correction", SECTION_KEYS);
    if (section == null) {
      return builder.build();
    }
    bool(section, "enabled", PREFIX + "enabled").ifPresent(builder::setEnabled);
    Integer max = integer(section, "max_attempts", PREFIX + "max_attempts", 0);
    if (max != null) {
      builder.setPolicy(new CorrectionPolicy(max));
    }
    duration(section, "dedupe_window", PREFIX).ifPresent(builder::setDedupeWindow);
    String localFile = text(section, "local_file", PREFIX + "local_file");
    if (localFile != null) {
      builder.setLocalFile(path(localFile, PREFIX + "local_file"));
    }
    Integer maxMib = integer(section, "local_file_max_mib", PREFIX + "local_file_max_mib", 1);
    if (maxMib != null) {
      builder.setLocalFileMaxMib(maxMib);
    }
    builder.setTemplates(templates(section.get("templates")));
    webhooks(section.get("webhooks"), builder);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
      return CorrectionConfig.defaults();
    }
  }

  private CorrectionTemplates templates(JsonNode value) {
    CorrectionTemplates templates = CorrectionTemplates.defaults();
    String key = PREFIX + "templates";
    if (!present(value)) {
      return templates;
    }
    if (!value.isObject()) {
      errors.add(key + ": " + render(value)
          + " (expected: a mapping of dimension keys, preamble or json to text)");
      return templates;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String text = text(value, field.getKey(), key + "." + field.getKey());
      if (text == null) {
        continue;
      }
      try {
        templates = switch (field.getKey()) {
          case "preamble" -> templates.withPreamble(text);
          case "json" -> templates.withJsonInstruction(text);
          default -> templates.withInstruction(Dimension.fromKey(field.getKey()), text);
        };
      } catch (IllegalArgumentException e) {
        errors.add(key + "." + field.getKey() + ": " + abbreviate(text)
            + " (expected: a dimension key, preamble or json, with non-blank text)");
      }
    }
    return templates;
  }

  private void webhooks(JsonNode value, CorrectionConfig.Builder builder) {
    String prefix = PREFIX + "webhooks.";
    JsonNode node = mapping(value, prefix, WEBHOOK_KEYS);
    if (node == null) {
      return;
    }
    duration(node, "timeout", prefix).ifPresent(builder::setTimeout);
    JsonNode queue = mapping(node.get("sending_queue"), prefix + "sending_queue.", QUEUE_KEYS);
    if (queue != null) {
      Integer size = integer(queue, "queue_size", prefix + "sending_queue.queue_size", 1);
      if (size != null) {
        builder.setQueueSize(size);
      }
    }
    String deadLetters = text(node, "dead_letter_file", prefix + "dead_letter_file");
    if (deadLetters != null) {
      builder.setDeadLetterFile(path(deadLetters, prefix + "dead_letter_file"));
    }
    builder.setRetry(retry(node.get("retry_on_failure"), prefix + "retry_on_failure."));
    builder.setBreaker(breaker(node.get("circuit_breaker"), prefix + "circuit_breaker."));
    List<SubscriberConfig> subscribers = new ArrayList<>();
    List<JsonNode> list = list(node.get("subscribers"), prefix + "subscribers");
    for (int i = 0; i < list.size(); i++) {
      SubscriberConfig subscriber = subscriber(list.get(i), prefix + "subscribers[" + i + "]");
      if (subscriber != null) {
        subscribers.add(subscriber);
      }
    }
    builder.setSubscribers(subscribers);
  }

  private RetryConfig retry(JsonNode value, String prefix) {
    RetryConfig defaults = RetryConfig.DEFAULT;
    JsonNode node = mapping(value, prefix, RETRY_KEYS);
    if (node == null) {
      return defaults;
    }
    int before = errors.size();
    Duration initial =
        duration(node, "initial_interval", prefix).orElse(defaults.initialInterval());
    Duration max = duration(node, "max_interval", prefix).orElse(defaults.maxInterval());
    Double multiplier = number(node, "multiplier", prefix + "multiplier", 1.0,
        Double.MAX_VALUE, ">= 1");
    Double jitter = number(node, "randomization_factor", prefix + "randomization_factor", 0.0,
        Math.nextDown(1.0), "a number from 0 up to but not including 1");
    Duration elapsed = duration(node, "max_elapsed_time", prefix)
        .orElse(defaults.maxElapsedTime());
    if (errors.size() > before) {
      return defaults;
    }
    return new RetryConfig(initial, max,
        multiplier == null ? defaults.multiplier() : multiplier,
        jitter == null ? defaults.randomizationFactor() : jitter,
        elapsed);
  }

  private BreakerConfig breaker(JsonNode value, String prefix) {
    BreakerConfig defaults = BreakerConfig.DEFAULT;
    JsonNode node = mapping(value, prefix, BREAKER_KEYS);
    if (node == null) {
      return defaults;
    }
    Integer threshold = integer(node, "failure_threshold", prefix + "failure_threshold", 1);
    Duration open = duration(node, "open_duration", prefix).orElse(defaults.openDuration());
    return new BreakerConfig(threshold == null ? defaults.failureThreshold() : threshold, open);
  }

  private SubscriberConfig subscriber(JsonNode value, String key) {
    int before = errors.size();
    String prefix = key + ".";
    if (!value.isObject()) {
      errors.add(key + ": " + render(value) + " (expected: a mapping with keys "
          + String.join(", ", new TreeSet<>(SUBSCRIBER_KEYS)) + ")");
      return null;
    }
    checkKeys(value, prefix, SUBSCRIBER_KEYS);
    String name = text(value, "name", prefix + "name");
    if (name == null || name.isBlank()) {
      errors.add(prefix + "name: " + (name == null ? "" : name) + " (expected: non-blank text)");
    }
    String endpointText = text(value, "endpoint", prefix + "endpoint");
    URI endpoint = endpoint(endpointText == null ? "" : resolve(endpointText),
        prefix + "endpoint");
    WebhookSigner signer = signer(value, prefix);
    SubscriberFilter filter = filter(value.get("filter"), prefix + "filter.");
    boolean includeContent =
        bool(value, "include_content", prefix + "include_content").orElse(false);
    if (errors.size() > before) {
      return null;
    }
    return new SubscriberConfig(name, endpoint, signer, filter, includeContent);
  }

  private URI endpoint(String text, String key) {
    try {
      URI uri = new URI(text);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (http && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below with the expectation.
    }
    errors.add(key + ": " + text + " (expected: an http or https URL with a host)");
    return null;
  }

  /**
   * Returns the signer of a subscriber, or null after reporting why there is none. Messages name
   * the environment variable a secret should come from, never a secret's value.
   */
  private WebhookSigner signer(JsonNode node, String prefix) {
    String secret;
    String key;
    String written;
    if (present(node.get("secret_env"))) {
      key = prefix + "secret_env";
      String variable = text(node, "secret_env", key);
      if (variable == null) {
        return null;
      }
      written = variable;
      secret = environment.apply(variable);
      if (secret == null) {
        errors.add(key + ": " + variable + " (expected: a set environment variable)");
        return null;
      }
      if (secret.isEmpty()) {
        errors.add(key + ": " + variable + " (expected: environment variable " + variable
            + " to hold a secret, but it is empty)");
        return null;
      }
    } else {
      key = prefix + "secret";
      written = text(node, "secret", key);
      if (written == null) {
        if (!present(node.get("secret"))) {
          errors.add(key + ": (missing) (expected: secret or secret_env, a whsec_ secret)");
        }
        return null;
      }
      for (String variable : references(written)) {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
          errors.add(key + ": " + written + " (expected: environment variable " + variable
              + (value == null ? " to be set)" : " to hold a secret, but it is empty)"));
          return null;
        }
      }
      secret = resolve(written);
    }
    try {
      return WebhookSigner.fromSecret(secret);
    } catch (IllegalArgumentException e) {
      // Only a reference to the environment may be shown; a literal secret is redacted.
      String shown = references(written).isEmpty() || key.endsWith("secret_env")
          ? "[REDACTED]" : written + " = [REDACTED]";
      errors.add(key + ": " + shown + " (expected: whsec_ and base64 of 24 to 64 bytes; "
          + e.getMessage() + ")");
      return null;
    }
  }

  private SubscriberFilter filter(JsonNode value, String prefix) {
    JsonNode node = mapping(value, prefix, FILTER_KEYS);
    if (node == null) {
      return SubscriberFilter.ALL;
    }
    Set<CorrectionEventType> types = new HashSet<>();
    for (String text : strings(node, "event_types", prefix + "event_types")) {
      try {
        types.add(CorrectionEventType.fromKey(text));
      } catch (IllegalArgumentException e) {
        errors.add(prefix + "event_types: " + text
            + " (expected: evaluation.failed or correction.exhausted)");
      }
    }
    Set<Dimension> dimensions = new HashSet<>();
    for (String text : strings(node, "dimensions", prefix + "dimensions")) {
      try {
        dimensions.add(Dimension.fromKey(text));
      } catch (IllegalArgumentException e) {
        errors.add(prefix + "dimensions: " + text + " (expected: one of groundedness, accuracy,"
            + " reliability, variance, inference_cost, safety)");
      }
    }
    Severity severity = Severity.LOW;
    String text = text(node, "min_severity", prefix + "min_severity");
    if (text != null) {
      try {
        severity = Severity.valueOf(text.toUpperCase(Locale.ROOT));
        if (severity == Severity.NONE || !text.equals(severity.label())) {
          throw new IllegalArgumentException(text);
        }
      } catch (IllegalArgumentException e) {
        errors.add(prefix + "min_severity: " + text
            + " (expected: low, medium, high or critical)");
        severity = Severity.LOW;
      }
    }
    return new SubscriberFilter(types, dimensions, severity,
        Set.copyOf(strings(node, "service_names", prefix + "service_names")),
        Set.copyOf(strings(node, "models", prefix + "models")));
  }

  /**
   * Returns {@code value} when it is a mapping (after reporting its unknown keys), null when it is
   * absent or null, and null after a problem when it is a scalar or a list.
   *
   * @param prefix the dotted key of the mapping followed by a dot
   */
  private JsonNode mapping(JsonNode value, String prefix, Set<String> known) {
    if (!present(value)) {
      return null;
    }
    if (!value.isObject()) {
      String key = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
      errors.add(key + ": " + render(value) + " (expected: a mapping with keys "
          + String.join(", ", new TreeSet<>(known)) + ")");
      return null;
    }
    checkKeys(value, prefix.endsWith(".") ? prefix : prefix + ".", known);
    return value;
  }

  /** Returns the items of a list; absent is empty; anything else is reported and empty. */
  private List<JsonNode> list(JsonNode value, String key) {
    List<JsonNode> items = new ArrayList<>();
    if (!present(value)) {
      return items;
    }
    if (!value.isArray()) {
      errors.add(key + ": " + render(value) + " (expected: a list)");
      return items;
    }
    value.forEach(items::add);
    return items;
  }

  /** Returns the texts of a list of single values, reporting any item that is not one. */
  private List<String> strings(JsonNode node, String field, String key) {
    List<String> values = new ArrayList<>();
    List<JsonNode> items = list(node.get(field), key);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item.isValueNode() && !item.isNull()) {
        values.add(item.asText());
      } else {
        errors.add(key + "[" + i + "]: " + render(item) + " (expected: a single value)");
      }
    }
    return values;
  }

  /** Returns the text of a single value, null when absent or after reporting a mapping or list. */
  private String text(JsonNode node, String field, String key) {
    JsonNode value = node.get(field);
    if (!present(value)) {
      return null;
    }
    if (value.isContainerNode()) {
      errors.add(key + ": " + render(value) + " (expected: a single value)");
      return null;
    }
    return value.asText();
  }

  private Optional<Boolean> bool(JsonNode node, String field, String key) {
    String text = text(node, field, key);
    if (text == null) {
      return Optional.empty();
    }
    if (!text.equals("true") && !text.equals("false")) {
      errors.add(key + ": " + text + " (expected: true or false)");
      return Optional.empty();
    }
    return Optional.of(Boolean.parseBoolean(text));
  }

  /** Returns an integer of at least {@code min}, or null when absent or after a problem. */
  private Integer integer(JsonNode node, String field, String key, int min) {
    String text = text(node, field, key);
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min) {
        return value;
      }
      errors.add(key + ": " + value + " (expected: " + (min == 0 ? ">= 0" : "> 0") + ")");
    } catch (NumberFormatException e) {
      errors.add(key + ": " + text + " (expected: an integer)");
    }
    return null;
  }

  /** Returns a finite number in {@code [min, max]}, or null when absent or after a problem. */
  private Double number(
      JsonNode node, String field, String key, double min, double max, String expected) {
    String text = text(node, field, key);
    if (text == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= min && value <= max && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, like a number out of range.
    }
    errors.add(key + ": " + text + " (expected: " + expected + ")");
    return null;
  }

  private Path path(String text, String key) {
    try {
      if (!text.isBlank()) {
        return Path.of(resolve(text));
      }
    } catch (InvalidPathException e) {
      // Reported below, like a blank path.
    }
    errors.add(key + ": \"" + text + "\" (expected: a file path)");
    return null;
  }

  private void checkKeys(JsonNode node, String prefix, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(prefix + name + ": unknown key (expected one of: "
            + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  /** Replaces {@code ${env:NAME}} and {@code ${env:NAME:-fallback}}; unset without fallback: "". */
  private String resolve(String text) {
    Matcher matcher = ENV_REFERENCE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = environment.apply(matcher.group(1));
      if (value == null) {
        value = matcher.group(3) == null ? "" : matcher.group(3);
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(resolved).toString();
  }

  /** Returns the variables {@code text} refers to without a fallback. */
  private static List<String> references(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = ENV_REFERENCE.matcher(text);
    while (matcher.find()) {
      if (matcher.group(3) == null) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  private static boolean present(JsonNode value) {
    return value != null && !value.isMissingNode() && !value.isNull();
  }

  private static String render(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private Optional<Duration> duration(JsonNode node, String field, String prefix) {
    String text = text(node, field, prefix + field);
    if (text == null) {
      return Optional.empty();
    }
    Duration duration = parseDuration(text.trim());
    if (duration == null) {
      errors.add(prefix + field + ": " + text.trim()
          + " (expected: a positive duration such as 500ms, 5s, 10m, 24h or 1h30m)");
      return Optional.empty();
    }
    return Optional.of(duration);
  }

  /** Returns the positive duration written like {@code 1h30m} or {@code 500ms}, or null. */
  static Duration parseDuration(String text) {
    try {
      Duration duration = Durations.parse(text);
      return duration.isZero() ? null : duration;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
