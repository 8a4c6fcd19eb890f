package dev.argus.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.server.export.DeliveryConfig;
import dev.argus.server.export.OtlpGrpcExporterConfig;
import dev.argus.server.export.RetryConfig;
import dev.argus.server.export.SendingQueueConfig;
import dev.argus.server.receiver.OtlpGrpcReceiverConfig;
import dev.argus.server.security.BearerTokenAuthenticator;
import dev.argus.server.security.ClientTlsConfig;
import dev.argus.server.security.ReceiverSecurity;
import dev.argus.server.security.Secret;
import dev.argus.server.security.SecurityConfig;
import dev.argus.server.security.ServerTlsConfig;
import dev.argus.server.security.SpanLimits;
import dev.argus.server.webhook.CorrectionConfig;
import dev.argus.server.webhook.CorrectionConfigParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration file.
 *
 * <p>Every key has a default, so an empty file (or none) is a valid configuration. String values
 * may contain {@code ${env:NAME}} or {@code ${env:NAME:-fallback}}, replaced by the environment
 * variable. Unknown keys and invalid values are all collected and reported together in one {@link
 * ConfigException}, each naming the key, the value and what was expected.
 */
public final class ConfigLoader {
  /** Default receiver address: loopback only, so nothing is exposed without a decision. */
  public static final String DEFAULT_RECEIVER_ENDPOINT = "localhost:4317";

  /** Default maximum request size in MiB. */
  public static final int DEFAULT_MAX_RECV_MSG_SIZE_MIB = 16;

  /** Default file that receives OTLP/JSON lines when no downstream is configured. */
  public static final String DEFAULT_FILE_PATH = "./argus-out.jsonl";

  /** Default timeout of one downstream export. */
  public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(5);

  private static final String COMPOSITE = "composite";
  private static final int MAX_RECV_MSG_SIZE_MIB = 2047;
  private static final Pattern ENV =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  /** Known keys; {@code true} marks a mapping whose entries are free-form names. */
  private static final Map<String, Boolean> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("receivers.otlp.grpc.endpoint", false);
    KEYS.put("receivers.otlp.grpc.max_recv_msg_size_mib", false);
    KEYS.put("receivers.otlp.grpc.max_concurrent_requests", false);
    KEYS.put("receivers.otlp.max_attributes_per_span", false);
    KEYS.put("receivers.otlp.grpc.tls.cert_file", false);
    KEYS.put("receivers.otlp.grpc.tls.key_file", false);
    KEYS.put("receivers.otlp.grpc.tls.client_ca_file", false);
    KEYS.put("exporter.otlp.endpoint", false);
    KEYS.put("exporter.otlp.tls.insecure", false);
    KEYS.put("exporter.otlp.tls.ca_file", false);
    KEYS.put("exporter.otlp.tls.cert_file", false);
    KEYS.put("exporter.otlp.tls.key_file", false);
    KEYS.put("exporter.otlp.headers", true);
    KEYS.put("exporter.otlp.compression", false);
    KEYS.put("exporter.otlp.timeout", false);
    KEYS.put("exporter.file.path", false);
    KEYS.put("exporter.max_send_msg_size_mib", false);
    KEYS.put("exporter.sending_queue.enabled", false);
    KEYS.put("exporter.sending_queue.queue_size", false);
    KEYS.put("exporter.sending_queue.num_consumers", false);
    KEYS.put("exporter.sending_queue.storage", false);
    KEYS.put("exporter.sending_queue.fsync", false);
    KEYS.put("exporter.sending_queue.max_storage_size_mib", false);
    KEYS.put("exporter.sending_queue.segment_size_mib", false);
    KEYS.put("exporter.sending_queue.drain_timeout", false);
    KEYS.put("exporter.retry_on_failure.enabled", false);
    KEYS.put("exporter.retry_on_failure.initial_interval", false);
    KEYS.put("exporter.retry_on_failure.max_interval", false);
    KEYS.put("exporter.retry_on_failure.max_elapsed_time", false);
    KEYS.put("scoring.profile", false);
    KEYS.put("scoring.thresholds", true);
    KEYS.put("scoring.weights", true);
    KEYS.put("scoring.latency_sla", false);
    KEYS.put("scoring.cost.budget_tokens", false);
    KEYS.put("enrichment.evaluation_events", false);
    // Checked key by key by CorrectionConfigParser.
    KEYS.put("correction", true);
    KEYS.put("auth.bearer_token_file", false);
    KEYS.put("auth.bearer_token_env", false);
  }

  private final Function<String, String> environment;

  /** Creates a loader that resolves {@code ${env:NAME}} with {@code environment}. */
  public ConfigLoader(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Returns a loader that resolves {@code ${env:NAME}} from the process environment. */
  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(System::getenv);
  }

  /** Returns the configuration with every key at its default. */
  public ArgusConfig defaults() {
    return parse("", "(defaults)");
  }

  /**
   * Reads the configuration file {@code file}.
   *
   * @throws ConfigException when the file cannot be read or has problems
   */
  public ArgusConfig load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(),
          List.of("--config: " + file + " (expected: a readable file: " + e + ")"));
    }
    return parse(yaml, file.toString());
  }

  /**
   * Reads the configuration from {@code yaml}; {@code source} names it in error messages.
   *
   * @throws ConfigException listing every problem found
   */
  public ArgusConfig parse(String yaml, String source) {
    JsonNode root;
    try {
      root = yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException(
          source,
          List.of("(document): " + e.getOriginalMessage() + location + " (expected: YAML)"));
    }
    Reader reader = new Reader(root);
    ArgusConfig config = reader.read();
    if (!reader.problems.isEmpty()) {
      throw new ConfigException(source, reader.problems);
    }
    return config;
  }

  /** One pass over one document, collecting problems instead of stopping at the first. */
  private final class Reader {
    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();

    Reader(JsonNode root) {
      this.root = root == null || root.isNull() ? YAML.createObjectNode() : root;
    }

    ArgusConfig read() {
      if (!root.isObject()) {
        problems.add("(document): " + render(root) + " (expected: a mapping of keys to values)");
        return null;
      }
      checkKeys(root, "");
      OtlpGrpcReceiverConfig receiver = receiver();
      OtlpGrpcExporterConfig exporter = exporter();
      String filePath = nonEmpty("exporter.file.path", DEFAULT_FILE_PATH);
      ScoringSettings scoring = scoring();
      boolean events = bool("enrichment.evaluation_events", true);
      CorrectionConfig correction = correction();
      DeliveryConfig delivery = delivery();
      SecurityConfig security = security();
      if (!problems.isEmpty()) {
        return null;
      }
      return new ArgusConfig(
          receiver, exporter, Path.of(filePath), scoring, events, correction, delivery, security);
    }

    private CorrectionConfig correction() {
      try {
        return CorrectionConfigParser.parse(root.get("correction"), environment);
      } catch (IllegalArgumentException e) {
        problems.addAll(List.of(e.getMessage().split("\n")));
        return null;
      }
    }

    private OtlpGrpcReceiverConfig receiver() {
      String key = "receivers.otlp.grpc.endpoint";
      String value = text(key, DEFAULT_RECEIVER_ENDPOINT);
      HostPort endpoint = hostPort(key, value, value);
      int mib =
          integer(
              "receivers.otlp.grpc.max_recv_msg_size_mib",
              DEFAULT_MAX_RECV_MSG_SIZE_MIB,
              1,
              MAX_RECV_MSG_SIZE_MIB);
      if (endpoint == null) {
        return null;
      }
      return new OtlpGrpcReceiverConfig(endpoint.host, endpoint.port, mib * 1024 * 1024);
    }

    private OtlpGrpcExporterConfig exporter() {
      String key = "exporter.otlp.endpoint";
      String endpoint = text(key, "");
      boolean insecure = bool("exporter.otlp.tls.insecure", false);
      Map<String, String> headers = stringMap("exporter.otlp.headers");
      String compression = text("exporter.otlp.compression", "gzip");
      if (compression != null && !compression.equals("gzip") && !compression.equals("none")) {
        problem("exporter.otlp.compression", compression, "gzip or none");
      }
      Duration timeout = duration("exporter.otlp.timeout", DEFAULT_EXPORT_TIMEOUT);
      if (endpoint == null || endpoint.isEmpty()) {
        return null;
      }
      String target = endpoint.replaceFirst("^https?://", "");
      if (hostPort(key, target, endpoint) == null) {
        return null;
      }
      return new OtlpGrpcExporterConfig(
          endpoint,
          insecure,
          headers,
          !"none".equals(compression),
          timeout == null ? DEFAULT_EXPORT_TIMEOUT : timeout);
    }

    private DeliveryConfig delivery() {
      String prefix = "exporter.sending_queue.";
      boolean enabled = bool(prefix + "enabled", false);
      int queueSize =
          integer(prefix + "queue_size", SendingQueueConfig.DEFAULT_QUEUE_SIZE, 1, 10_000_000);
      int consumers =
          integer(prefix + "num_consumers", SendingQueueConfig.DEFAULT_NUM_CONSUMERS, 1, 1024);
      String storage = text(prefix + "storage", "");
      boolean fsync = bool(prefix + "fsync", true);
      int maxStorageMib =
          integer(
              prefix + "max_storage_size_mib",
              (int) (SendingQueueConfig.DEFAULT_MAX_STORAGE_BYTES >> 20),
              1,
              Integer.MAX_VALUE);
      int segmentMib =
          integer(
              prefix + "segment_size_mib",
              (int) (SendingQueueConfig.DEFAULT_SEGMENT_BYTES >> 20),
              1,
              1024);
      Duration drain = duration(prefix + "drain_timeout", SendingQueueConfig.DEFAULT_DRAIN_TIMEOUT);
      RetryConfig retry = retry();
      int maxSendMib =
          integer(
              "exporter.max_send_msg_size_mib",
              DeliveryConfig.DEFAULT_MAX_SEND_MSG_SIZE_BYTES >> 20,
              1,
              MAX_RECV_MSG_SIZE_MIB);
      if (retry == null || drain == null) {
        return null;
      }
      SendingQueueConfig queue =
          new SendingQueueConfig(
              enabled,
              queueSize,
              consumers,
              storage == null || storage.isBlank() ? null : Path.of(storage),
              fsync,
              (long) maxStorageMib << 20,
              (long) segmentMib << 20,
              drain);
      return new DeliveryConfig(queue, retry, maxSendMib << 20);
    }

    private SecurityConfig security() {
      BearerTokenAuthenticator authenticator = bearerToken();
      int maxConcurrent =
          integer("receivers.otlp.grpc.max_concurrent_requests", 0, 0, 1_000_000);
      String prefix = "receivers.otlp.grpc.tls.";
      Path cert = path(prefix + "cert_file");
      Path key = path(prefix + "key_file");
      Path clientCa = path(prefix + "client_ca_file");
      ServerTlsConfig tls = null;
      if ((cert == null) != (key == null)) {
        problem(prefix + "cert_file", String.valueOf(cert), "cert_file and key_file together");
      } else if (cert != null) {
        tls = new ServerTlsConfig(cert, key, clientCa);
      } else if (clientCa != null) {
        problem(prefix + "client_ca_file", clientCa.toString(), "cert_file and key_file as well");
      }
      Path exporterCa = path("exporter.otlp.tls.ca_file");
      Path exporterCert = path("exporter.otlp.tls.cert_file");
      Path exporterKey = path("exporter.otlp.tls.key_file");
      if ((exporterCert == null) != (exporterKey == null)) {
        problem(
            "exporter.otlp.tls.cert_file",
            String.valueOf(exporterCert),
            "cert_file and key_file together");
        return null;
      }
      return new SecurityConfig(
          new ReceiverSecurity(
              authenticator,
              tls,
              maxConcurrent,
              integer(
                  "receivers.otlp.max_attributes_per_span",
                  SpanLimits.DEFAULT_MAX_ATTRIBUTES_PER_SPAN,
                  0,
                  Integer.MAX_VALUE)),
          new ClientTlsConfig(exporterCa, exporterCert, exporterKey));
    }

    /** Reads the token named by auth.bearer_token_file or auth.bearer_token_env, if any. */
    private BearerTokenAuthenticator bearerToken() {
      String file = text("auth.bearer_token_file", "");
      String variable = text("auth.bearer_token_env", "");
      if (file == null || variable == null || (file.isEmpty() && variable.isEmpty())) {
        return null;
      }
      if (!file.isEmpty() && !variable.isEmpty()) {
        problem("auth.bearer_token_file", file, "either bearer_token_file or bearer_token_env");
        return null;
      }
      try {
        Secret token =
            file.isEmpty()
                ? Secret.fromEnvironment(variable, environment)
                : Secret.fromFile(Path.of(file));
        return new BearerTokenAuthenticator(token);
      } catch (IOException | IllegalArgumentException e) {
        // The message names the file or variable, never the token.
        String key = file.isEmpty() ? "auth.bearer_token_env" : "auth.bearer_token_file";
        problem(key, file.isEmpty() ? variable : file, "a readable, non-empty secret: " + e);
        return null;
      }
    }

    private Path path(String key) {
      String value = text(key, "");
      return value == null || value.isBlank() ? null : Path.of(value);
    }

    private RetryConfig retry() {
      String prefix = "exporter.retry_on_failure.";
      boolean enabled = bool(prefix + "enabled", true);
      Duration initial = duration(prefix + "initial_interval", RetryConfig.DEFAULT_INITIAL_INTERVAL);
      Duration max = duration(prefix + "max_interval", RetryConfig.DEFAULT_MAX_INTERVAL);
      Duration elapsed =
          durationOrZero(prefix + "max_elapsed_time", RetryConfig.DEFAULT_MAX_ELAPSED_TIME);
      if (initial == null || max == null || elapsed == null) {
        return null;
      }
      if (max.compareTo(initial) < 0) {
        problem(
            prefix + "max_interval",
            Durations.format(max),
            "at least initial_interval " + Durations.format(initial));
        return null;
      }
      return new RetryConfig(
          enabled,
          initial,
          max,
          elapsed,
          RetryConfig.DEFAULT_MULTIPLIER,
          RetryConfig.DEFAULT_RANDOMIZATION_FACTOR);
    }

    /** Like {@link #duration} but accepts {@code 0}, which means "no limit". */
    private Duration durationOrZero(String key, Duration fallback) {
      String value = text(key, Durations.format(fallback));
      if (value == null) {
        return null;
      }
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException | ArithmeticException e) {
        problem(key, value, "a duration such as 5m, or 0 for no limit");
        return null;
      }
    }

    private ScoringSettings scoring() {
      String profile = nonEmpty("scoring.profile", ScoringSettings.DEFAULT_PROFILE);
      Map<Dimension, Double> thresholds = new EnumMap<>(Dimension.class);
      Double composite = null;
      for (Map.Entry<String, String> entry : stringMap("scoring.thresholds").entrySet()) {
        String key = "scoring.thresholds." + entry.getKey();
        Double value = number(key, entry.getValue(), 0.0, 1.0, "a number from 0 to 1");
        if (entry.getKey().equals(COMPOSITE)) {
          composite = value;
        } else if (dimension(key, entry.getKey(), true) != null && value != null) {
          thresholds.put(Dimension.fromKey(entry.getKey()), value);
        }
      }
      Map<Dimension, Double> weights = new EnumMap<>(Dimension.class);
      for (Map.Entry<String, String> entry : stringMap("scoring.weights").entrySet()) {
        String key = "scoring.weights." + entry.getKey();
        Double value = number(key, entry.getValue(), 0.0, Double.MAX_VALUE, "a number >= 0");
        if (dimension(key, entry.getKey(), false) != null && value != null) {
          weights.put(Dimension.fromKey(entry.getKey()), value);
        }
      }
      Duration latencySla =
          duration(
              "scoring.latency_sla", Duration.ofMillis(ScoringConfig.DEFAULT_LATENCY_SLA_MILLIS));
      long budget =
          integer(
              "scoring.cost.budget_tokens",
              (int) ScoringConfig.DEFAULT_COST_BUDGET_TOKENS,
              1,
              Integer.MAX_VALUE);
      ScoringSettings settings =
          new ScoringSettings(
              profile,
              thresholds,
              composite,
              weights,
              latencySla == null
                  ? Duration.ofMillis(ScoringConfig.DEFAULT_LATENCY_SLA_MILLIS)
                  : latencySla,
              budget);
      if (profile != null) {
        try {
          // The scoring engine knows the profiles and the rules that span several keys.
          settings.toScoringConfig();
        } catch (IllegalArgumentException e) {
          problems.addAll(List.of(e.getMessage().split("; ")));
        }
      }
      return settings;
    }

    /** Reports keys that no setting reads, naming the keys valid at that place. */
    private void checkKeys(JsonNode node, String path) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode value = field.getValue();
        if (KEYS.containsKey(key)) {
          continue;
        }
        Set<String> children = children(key);
        if (children.isEmpty()) {
          problems.add(
              key + ": unknown key (expected one of: " + String.join(", ", children(path)) + ")");
        } else if (value.isObject()) {
          checkKeys(value, key);
        } else if (!value.isNull()) {
          problems.add(
              key
                  + ": "
                  + render(value)
                  + " (expected: a mapping with keys "
                  + String.join(", ", children)
                  + ")");
        }
      }
    }

    private Dimension dimension(String key, String name, boolean allowComposite) {
      for (Dimension dimension : Dimension.values()) {
        if (dimension.key().equals(name)) {
          return dimension;
        }
      }
      StringBuilder expected = new StringBuilder();
      for (Dimension dimension : Dimension.values()) {
        expected.append(expected.length() == 0 ? "" : ", ").append(dimension.key());
      }
      if (allowComposite) {
        expected.append(", ").append(COMPOSITE);
      }
      problems.add(key + ": unknown dimension (expected one of: " + expected + ")");
      return null;
    }

    private JsonNode node(String key) {
      JsonNode node = root;
      for (String part : key.split("\\.")) {
        node = node.isObject() ? node.get(part) : null;
        if (node == null || node.isNull()) {
          return null;
        }
      }
      return node;
    }

    /** Returns the text of a scalar with environment references resolved, or null on error. */
    private String text(String key, String fallback) {
      JsonNode node = node(key);
      if (node == null) {
        return fallback;
      }
      if (node.isContainerNode()) {
        problem(key, render(node), "a single value");
        return null;
      }
      return resolve(key, node.asText());
    }

    private String nonEmpty(String key, String fallback) {
      String value = text(key, fallback);
      if (value != null && value.isBlank()) {
        problem(key, "\"" + value + "\"", "a non-empty string");
        return null;
      }
      return value;
    }

    private boolean bool(String key, boolean fallback) {
      String value = text(key, Boolean.toString(fallback));
      if (value == null) {
        return fallback;
      }
      if (!value.equals("true") && !value.equals("false")) {
        problem(key, value, "true or false");
        return fallback;
      }
      return Boolean.parseBoolean(value);
    }

    private int integer(String key, int fallback, int min, int max) {
      String value = text(key, Integer.toString(fallback));
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below, like an out-of-range number
      }
      if (value != null) {
        problem(key, value, "an integer from " + min + " to " + max);
      }
      return fallback;
    }

    private Double number(String key, String value, double min, double max, String expected) {
      if (value == null) {
        return null;
      }
      try {
        double parsed = Double.parseDouble(value);
        if (parsed >= min && parsed <= max && Double.isFinite(parsed)) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below, like an out-of-range number
      }
      problem(key, value, expected);
      return null;
    }

    private Duration duration(String key, Duration fallback) {
      String value = text(key, Durations.format(fallback));
      if (value == null) {
        return null;
      }
      try {
        Duration parsed = Durations.parse(value);
        if (!parsed.isZero()) {
          return parsed;
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        // reported below, like a zero duration
      }
      problem(key, value, "a positive duration such as 5s or 500ms");
      return null;
    }

    private Map<String, String> stringMap(String key) {
      JsonNode node = node(key);
      Map<String, String> map = new LinkedHashMap<>();
      if (node == null) {
        return map;
      }
      if (!node.isObject()) {
        problem(key, render(node), "a mapping of names to values");
        return map;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String entryKey = key + "." + field.getKey();
        if (field.getValue().isContainerNode() || field.getValue().isNull()) {
          problem(entryKey, render(field.getValue()), "a single value");
          continue;
        }
        String value = resolve(entryKey, field.getValue().asText());
        if (value != null) {
          map.put(field.getKey(), value);
        }
      }
      return map;
    }

    /** Parses {@code value}; a problem quotes {@code written}, the value as configured. */
    private HostPort hostPort(String key, String value, String written) {
      if (value == null) {
        return null;
      }
      int colon = value.lastIndexOf(':');
      String host = colon < 0 ? "" : value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (!host.isEmpty() && port >= 0 && port <= 65535) {
          return new HostPort(host, port);
        }
      } catch (NumberFormatException e) {
        // reported below, like a missing host
      }
      problem(key, written, "host:port with a port from 0 to 65535");
      return null;
    }

    /** Replaces {@code ${env:NAME}} references; returns null after reporting an unset one. */
    private String resolve(String key, String value) {
      Matcher matcher = ENV.matcher(value);
      StringBuilder resolved = new StringBuilder();
      boolean ok = true;
      while (matcher.find()) {
        String replacement = environment.apply(matcher.group(1));
        if (replacement == null) {
          replacement = matcher.group(3);
        }
        if (replacement == null) {
          problem(key, value, "environment variable " + matcher.group(1) + " to be set");
          ok = false;
          replacement = "";
        }
        matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(resolved);
      return ok ? resolved.toString() : null;
    }

    private void problem(String key, String value, String expected) {
      problems.add(key + ": " + value + " (expected: " + expected + ")");
    }
  }

  /** Returns the names valid directly under {@code path} ("" for the top level). */
  private static Set<String> children(String path) {
    String prefix = path.isEmpty() ? "" : path + ".";
    Set<String> children = new LinkedHashSet<>();
    for (String key : KEYS.keySet()) {
      if (key.startsWith(prefix)) {
        children.add(key.substring(prefix.length()).split("\\.")[0]);
      }
    }
    return children;
  }

  private static String render(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private record HostPort(String host, int port) {}
}
