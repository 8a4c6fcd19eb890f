package dev.argus.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.correction.CorrectionEventType;
import dev.argus.core.correction.CorrectionPolicy;
import dev.argus.core.correction.CorrectionTemplates;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.Severity;
import dev.argus.server.config.EndpointText;
import dev.argus.server.config.EnvReferences;
import dev.argus.server.config.NodeReader;
import dev.argus.server.config.SecretValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the {@code correction} section of the ARGUS config (YAML or JSON, as a Jackson tree) into a
 * {@link CorrectionConfig}. Every problem is collected and reported at once, each naming the key,
 * the value and what was expected; secrets never appear in messages.
 */
public final class CorrectionConfigParser {

  private static final String PREFIX = "correction.";
  private static final Set<String> SECTION_KEYS =
      Set.of(
          "enabled",
          "max_attempts",
          "dedupe_window",
          "local_file",
          "local_file_max_mib",
          "templates",
          "webhooks");
  private static final Set<String> WEBHOOK_KEYS =
      Set.of(
          "timeout",
          "sending_queue",
          "retry_on_failure",
          "circuit_breaker",
          "dead_letter_file",
          "subscribers");
  private static final Set<String> SUBSCRIBER_KEYS =
      Set.of("name", "endpoint", "secret", "secret_env", "include_content", "filter");
  private static final Set<String> FILTER_KEYS =
      Set.of("event_types", "dimensions", "min_severity", "service_names", "models");
  private static final Set<String> QUEUE_KEYS = Set.of("queue_size");
  private static final Set<String> RETRY_KEYS =
      Set.of(
          "initial_interval",
          "max_interval",
          "multiplier",
          "randomization_factor",
          "max_elapsed_time");
  private static final Set<String> BREAKER_KEYS = Set.of("failure_threshold", "open_duration");

  private final NodeReader reader;

  private CorrectionConfigParser(Function<String, String> environment) {
    this.reader = new NodeReader(environment);
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
    if (!parser.reader.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", parser.reader.problems()));
    }
    return config;
  }

  private CorrectionConfig read(JsonNode value) {
    CorrectionConfig.Builder builder = CorrectionConfig.builder();
    JsonNode section = reader.mapping(value, "correction", SECTION_KEYS);
    if (section == null) {
      return builder.build();
    }
    reader.bool(section, "enabled", PREFIX + "enabled").ifPresent(builder::setEnabled);
    Integer max = reader.integer(section, "max_attempts", PREFIX + "max_attempts", 0);
    if (max != null) {
      builder.setPolicy(new CorrectionPolicy(max));
    }
    reader.duration(section, "dedupe_window", PREFIX).ifPresent(builder::setDedupeWindow);
    String localFile = reader.text(section, "local_file", PREFIX + "local_file");
    if (localFile != null) {
      builder.setLocalFile(reader.path(localFile, PREFIX + "local_file"));
    }
    Integer maxMib =
        reader.integer(section, "local_file_max_mib", PREFIX + "local_file_max_mib", 1);
    if (maxMib != null) {
      builder.setLocalFileMaxMib(maxMib);
    }
    builder.setTemplates(templates(section.get("templates")));
    webhooks(section.get("webhooks"), builder);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      reader.problem(e.getMessage());
      return CorrectionConfig.defaults();
    }
  }

  private CorrectionTemplates templates(JsonNode value) {
    CorrectionTemplates templates = CorrectionTemplates.defaults();
    String key = PREFIX + "templates";
    if (!NodeReader.present(value)) {
      return templates;
    }
    if (!value.isObject()) {
      reader.problem(
          key
              + ": "
              + SecretValues.render(key, value)
              + " (expected: a mapping of dimension keys, preamble or json to text)");
      return templates;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String text = reader.text(value, field.getKey(), key + "." + field.getKey());
      if (text == null) {
        continue;
      }
      try {
        templates =
            switch (field.getKey()) {
              case "preamble" -> templates.withPreamble(text);
              case "json" -> templates.withJsonInstruction(text);
              default -> templates.withInstruction(Dimension.fromKey(field.getKey()), text);
            };
      } catch (IllegalArgumentException e) {
        reader.problem(
            key
                + "."
                + field.getKey()
                + ": "
                + abbreviate(text)
                + " (expected: a dimension key, preamble or json, with non-blank text)");
      }
    }
    return templates;
  }

  private void webhooks(JsonNode value, CorrectionConfig.Builder builder) {
    String prefix = PREFIX + "webhooks.";
    JsonNode node = reader.mapping(value, prefix, WEBHOOK_KEYS);
    if (node == null) {
      return;
    }
    reader.duration(node, "timeout", prefix).ifPresent(builder::setTimeout);
    JsonNode queue =
        reader.mapping(node.get("sending_queue"), prefix + "sending_queue.", QUEUE_KEYS);
    if (queue != null) {
      Integer size = reader.integer(queue, "queue_size", prefix + "sending_queue.queue_size", 1);
      if (size != null) {
        builder.setQueueSize(size);
      }
    }
    String deadLetters = reader.text(node, "dead_letter_file", prefix + "dead_letter_file");
    if (deadLetters != null) {
      builder.setDeadLetterFile(reader.path(deadLetters, prefix + "dead_letter_file"));
    }
    builder.setRetry(retry(node.get("retry_on_failure"), prefix + "retry_on_failure."));
    builder.setBreaker(breaker(node.get("circuit_breaker"), prefix + "circuit_breaker."));
    List<SubscriberConfig> subscribers = new ArrayList<>();
    List<JsonNode> list = reader.list(node.get("subscribers"), prefix + "subscribers");
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
    JsonNode node = reader.mapping(value, prefix, RETRY_KEYS);
    if (node == null) {
      return defaults;
    }
    int before = reader.problemCount();
    Duration initial =
        reader.duration(node, "initial_interval", prefix).orElse(defaults.initialInterval());
    Duration max = reader.duration(node, "max_interval", prefix).orElse(defaults.maxInterval());
    Double multiplier =
        reader.number(node, "multiplier", prefix + "multiplier", 1.0, Double.MAX_VALUE, ">= 1");
    Double jitter =
        reader.number(
            node,
            "randomization_factor",
            prefix + "randomization_factor",
            0.0,
            Math.nextDown(1.0),
            "a number from 0 up to but not including 1");
    Duration elapsed =
        reader.duration(node, "max_elapsed_time", prefix).orElse(defaults.maxElapsedTime());
    if (reader.problemCount() > before) {
      return defaults;
    }
    return new RetryConfig(
        initial,
        max,
        multiplier == null ? defaults.multiplier() : multiplier,
        jitter == null ? defaults.randomizationFactor() : jitter,
        elapsed);
  }

  private BreakerConfig breaker(JsonNode value, String prefix) {
    BreakerConfig defaults = BreakerConfig.DEFAULT;
    JsonNode node = reader.mapping(value, prefix, BREAKER_KEYS);
    if (node == null) {
      return defaults;
    }
    Integer threshold = reader.integer(node, "failure_threshold", prefix + "failure_threshold", 1);
    Duration open = reader.duration(node, "open_duration", prefix).orElse(defaults.openDuration());
    return new BreakerConfig(threshold == null ? defaults.failureThreshold() : threshold, open);
  }

  private SubscriberConfig subscriber(JsonNode value, String key) {
    int before = reader.problemCount();
    String prefix = key + ".";
    if (!value.isObject()) {
      reader.problem(
          key
              + ": "
              + SecretValues.render(key, value)
              + " (expected: a mapping with keys "
              + String.join(", ", new TreeSet<>(SUBSCRIBER_KEYS))
              + ")");
      return null;
    }
    reader.checkKeys(value, prefix, SUBSCRIBER_KEYS);
    String name = reader.text(value, "name", prefix + "name");
    if (name == null || name.isBlank()) {
      reader.problem(
          prefix + "name: " + (name == null ? "" : name) + " (expected: non-blank text)");
    }
    String endpointText = reader.text(value, "endpoint", prefix + "endpoint");
    URI endpoint =
        endpoint(endpointText == null ? "" : reader.resolve(endpointText), prefix + "endpoint");
    WebhookSigner signer = signer(value, prefix);
    SubscriberFilter filter = filter(value.get("filter"), prefix + "filter.");
    boolean includeContent =
        reader.bool(value, "include_content", prefix + "include_content").orElse(false);
    if (reader.problemCount() > before) {
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
    reader.problem(
        key + ": " + EndpointText.safe(text) + " (expected: an http or https URL with a host)");
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
    if (NodeReader.present(node.get("secret_env"))) {
      key = prefix + "secret_env";
      String variable = reader.text(node, "secret_env", key);
      if (variable == null) {
        return null;
      }
      written = variable;
      secret = reader.variable(variable);
      if (secret == null) {
        reader.problem(key + ": " + variable + " (expected: a set environment variable)");
        return null;
      }
      if (secret.isEmpty()) {
        reader.problem(
            key
                + ": "
                + variable
                + " (expected: environment variable "
                + variable
                + " to hold a secret, but it is empty)");
        return null;
      }
    } else {
      key = prefix + "secret";
      written = reader.text(node, "secret", key);
      if (written == null) {
        if (!NodeReader.present(node.get("secret"))) {
          reader.problem(key + ": (missing) (expected: secret or secret_env, a whsec_ secret)");
        }
        return null;
      }
      for (String variable : EnvReferences.withoutFallback(written)) {
        String value = reader.variable(variable);
        if (value == null || value.isEmpty()) {
          reader.problem(
              key
                  + ": "
                  + SecretValues.show(key, written)
                  + " (expected: environment variable "
                  + variable
                  + (value == null ? " to be set)" : " to hold a secret, but it is empty)"));
          return null;
        }
      }
      secret = reader.resolve(written);
    }
    try {
      return WebhookSigner.fromSecret(secret);
    } catch (IllegalArgumentException e) {
      // Only a reference to the environment may be shown; a literal secret is redacted.
      String shown =
          key.endsWith("secret_env") ? SecretValues.REDACTED : SecretValues.show(key, written);
      if (!shown.equals(SecretValues.REDACTED)) {
        shown += " = " + SecretValues.REDACTED;
      }
      reader.problem(
          key
              + ": "
              + shown
              + " (expected: whsec_ and base64 of 24 to 64 bytes; "
              + e.getMessage()
              + ")");
      return null;
    }
  }

  private SubscriberFilter filter(JsonNode value, String prefix) {
    JsonNode node = reader.mapping(value, prefix, FILTER_KEYS);
    if (node == null) {
      return SubscriberFilter.ALL;
    }
    Set<CorrectionEventType> types = new HashSet<>();
    for (String text : reader.strings(node, "event_types", prefix + "event_types")) {
      try {
        types.add(CorrectionEventType.fromKey(text));
      } catch (IllegalArgumentException e) {
        reader.problem(
            prefix
                + "event_types: "
                + text
                + " (expected: evaluation.failed or correction.exhausted)");
      }
    }
    Set<Dimension> dimensions = new HashSet<>();
    for (String text : reader.strings(node, "dimensions", prefix + "dimensions")) {
      try {
        dimensions.add(Dimension.fromKey(text));
      } catch (IllegalArgumentException e) {
        reader.problem(
            prefix
                + "dimensions: "
                + text
                + " (expected: one of groundedness, accuracy,"
                + " reliability, variance, inference_cost, safety)");
      }
    }
    Severity severity = Severity.LOW;
    String text = reader.text(node, "min_severity", prefix + "min_severity");
    if (text != null) {
      try {
        severity = Severity.valueOf(text.toUpperCase(Locale.ROOT));
        if (severity == Severity.NONE || !text.equals(severity.label())) {
          throw new IllegalArgumentException(text);
        }
      } catch (IllegalArgumentException e) {
        reader.problem(
            prefix + "min_severity: " + text + " (expected: low, medium, high or critical)");
        severity = Severity.LOW;
      }
    }
    return new SubscriberFilter(
        types,
        dimensions,
        severity,
        Set.copyOf(reader.strings(node, "service_names", prefix + "service_names")),
        Set.copyOf(reader.strings(node, "models", prefix + "models")));
  }

  /** Returns the positive duration written like {@code 1h30m} or {@code 500ms}, or null. */
  static Duration parseDuration(String text) {
    return NodeReader.positiveDuration(text);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
