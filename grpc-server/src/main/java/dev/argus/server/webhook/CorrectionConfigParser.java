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
      Set.of("enabled", "max_attempts", "dedupe_window", "local_file", "templates", "webhooks");
  private static final Set<String> WEBHOOK_KEYS =
      Set.of("timeout", "sending_queue", "retry_on_failure", "circuit_breaker",
          "dead_letter_file", "subscribers");
  private static final Set<String> SUBSCRIBER_KEYS =
      Set.of("name", "endpoint", "secret", "secret_env", "include_content", "filter");
  private static final Set<String> FILTER_KEYS =
      Set.of("event_types", "dimensions", "min_severity", "service_names", "models");

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

  private CorrectionConfig read(JsonNode section) {
    CorrectionConfig.Builder builder = CorrectionConfig.builder();
    if (section == null || section.isMissingNode() || section.isNull()) {
      return builder.build();
    }
    checkKeys(section, PREFIX, SECTION_KEYS);
    builder.setEnabled(section.path("enabled").asBoolean(true));
    if (section.has("max_attempts")) {
      int max = integer(section, "max_attempts", PREFIX + "max_attempts");
      if (max >= 0) {
        builder.setPolicy(new CorrectionPolicy(max));
      } else {
        errors.add(PREFIX + "max_attempts: " + max + " (expected: >= 0)");
      }
    }
    duration(section, "dedupe_window", PREFIX).ifPresent(builder::setDedupeWindow);
    if (section.hasNonNull("local_file")) {
      builder.setLocalFile(Path.of(section.get("local_file").asText()));
    }
    builder.setTemplates(templates(section.path("templates")));
    webhooks(section.path("webhooks"), builder);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      errors.add(e.getMessage());
      return CorrectionConfig.defaults();
    }
  }

  private CorrectionTemplates templates(JsonNode node) {
    CorrectionTemplates templates = CorrectionTemplates.defaults();
    if (node.isMissingNode()) {
      return templates;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String text = field.getValue().asText();
      try {
        templates = switch (field.getKey()) {
          case "preamble" -> templates.withPreamble(text);
          case "json" -> templates.withJsonInstruction(text);
          default -> templates.withInstruction(Dimension.fromKey(field.getKey()), text);
        };
      } catch (IllegalArgumentException e) {
        errors.add(PREFIX + "templates." + field.getKey() + ": " + abbreviate(text)
            + " (expected: a dimension key, preamble or json, with non-blank text)");
      }
    }
    return templates;
  }

  private void webhooks(JsonNode node, CorrectionConfig.Builder builder) {
    if (node.isMissingNode()) {
      return;
    }
    String prefix = PREFIX + "webhooks.";
    checkKeys(node, prefix, WEBHOOK_KEYS);
    duration(node, "timeout", prefix).ifPresent(builder::setTimeout);
    JsonNode queue = node.path("sending_queue");
    if (queue.has("queue_size")) {
      builder.setQueueSize(integer(queue, "queue_size", prefix + "sending_queue.queue_size"));
    }
    if (node.hasNonNull("dead_letter_file")) {
      builder.setDeadLetterFile(Path.of(node.get("dead_letter_file").asText()));
    }
    builder.setRetry(retry(node.path("retry_on_failure"), prefix + "retry_on_failure."));
    builder.setBreaker(breaker(node.path("circuit_breaker"), prefix + "circuit_breaker."));
    List<SubscriberConfig> subscribers = new ArrayList<>();
    JsonNode list = node.path("subscribers");
    for (int i = 0; i < list.size(); i++) {
      SubscriberConfig subscriber = subscriber(list.get(i), prefix + "subscribers[" + i + "].");
      if (subscriber != null) {
        subscribers.add(subscriber);
      }
    }
    builder.setSubscribers(subscribers);
  }

  private RetryConfig retry(JsonNode node, String prefix) {
    RetryConfig defaults = RetryConfig.DEFAULT;
    try {
      return new RetryConfig(
          duration(node, "initial_interval", prefix).orElse(defaults.initialInterval()),
          duration(node, "max_interval", prefix).orElse(defaults.maxInterval()),
          node.path("multiplier").asDouble(defaults.multiplier()),
          node.path("randomization_factor").asDouble(defaults.randomizationFactor()),
          duration(node, "max_elapsed_time", prefix).orElse(defaults.maxElapsedTime()));
    } catch (IllegalArgumentException e) {
      errors.add(PREFIX + "webhooks." + e.getMessage());
      return defaults;
    }
  }

  private BreakerConfig breaker(JsonNode node, String prefix) {
    BreakerConfig defaults = BreakerConfig.DEFAULT;
    try {
      return new BreakerConfig(
          node.has("failure_threshold")
              ? integer(node, "failure_threshold", prefix + "failure_threshold")
              : defaults.failureThreshold(),
          duration(node, "open_duration", prefix).orElse(defaults.openDuration()));
    } catch (IllegalArgumentException e) {
      errors.add(PREFIX + "webhooks." + e.getMessage());
      return defaults;
    }
  }

  private SubscriberConfig subscriber(JsonNode node, String prefix) {
    int before = errors.size();
    checkKeys(node, prefix, SUBSCRIBER_KEYS);
    checkKeys(node.path("filter"), prefix + "filter.", FILTER_KEYS);
    String name = node.path("name").asText("");
    if (name.isBlank()) {
      errors.add(prefix + "name: " + name + " (expected: non-blank text)");
    }
    URI endpoint = endpoint(resolve(node.path("endpoint").asText("")), prefix + "endpoint");
    WebhookSigner signer = signer(node, prefix);
    SubscriberFilter filter = filter(node.path("filter"), prefix + "filter.");
    boolean includeContent = node.path("include_content").asBoolean(false);
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

  private WebhookSigner signer(JsonNode node, String prefix) {
    String secret;
    String key;
    if (node.hasNonNull("secret_env")) {
      key = prefix + "secret_env";
      String variable = node.get("secret_env").asText();
      secret = environment.apply(variable);
      if (secret == null) {
        errors.add(key + ": " + variable + " (expected: a set environment variable)");
        return null;
      }
    } else {
      key = prefix + "secret";
      secret = node.hasNonNull("secret") ? resolve(node.get("secret").asText()) : null;
    }
    try {
      return WebhookSigner.fromSecret(secret);
    } catch (IllegalArgumentException e) {
      errors.add(key + ": [REDACTED] (expected: whsec_ and base64 of 24 to 64 bytes; "
          + e.getMessage() + ")");
      return null;
    }
  }

  private SubscriberFilter filter(JsonNode node, String prefix) {
    Set<CorrectionEventType> types = new HashSet<>();
    for (String text : strings(node.path("event_types"))) {
      try {
        types.add(CorrectionEventType.fromKey(text));
      } catch (IllegalArgumentException e) {
        errors.add(prefix + "event_types: " + text
            + " (expected: evaluation.failed or correction.exhausted)");
      }
    }
    Set<Dimension> dimensions = new HashSet<>();
    for (String text : strings(node.path("dimensions"))) {
      try {
        dimensions.add(Dimension.fromKey(text));
      } catch (IllegalArgumentException e) {
        errors.add(prefix + "dimensions: " + text + " (expected: one of groundedness, accuracy,"
            + " reliability, variance, inference_cost, safety)");
      }
    }
    Severity severity = Severity.LOW;
    if (node.hasNonNull("min_severity")) {
      String text = node.get("min_severity").asText();
      try {
        severity = Severity.valueOf(text.toUpperCase(Locale.ROOT));
        if (severity == Severity.NONE || !text.equals(severity.label())) {
          throw new IllegalArgumentException(text);
        }
      } catch (IllegalArgumentException e) {
        errors.add(prefix + "min_severity: " + text
            + " (expected: low, medium, high or critical)");
      }
    }
    return new SubscriberFilter(types, dimensions, severity,
        Set.copyOf(strings(node.path("service_names"))), Set.copyOf(strings(node.path("models"))));
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

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(item -> values.add(item.asText()));
    return values;
  }

  private int integer(JsonNode node, String field, String key) {
    JsonNode value = node.get(field);
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.intValue();
    }
    errors.add(key + ": " + value.asText() + " (expected: an integer)");
    return -1;
  }

  private Optional<Duration> duration(JsonNode node, String field, String prefix) {
    if (!node.hasNonNull(field)) {
      return java.util.Optional.empty();
    }
    String text = node.get(field).asText().trim();
    Duration duration = parseDuration(text);
    if (duration == null) {
      errors.add(prefix + field + ": " + text
          + " (expected: a positive duration such as 500ms, 5s, 10m, 24h or 1h30m)");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(duration);
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
