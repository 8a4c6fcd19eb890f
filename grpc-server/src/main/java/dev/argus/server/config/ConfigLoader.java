package dev.argus.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.ScoringConfig;
import dev.argus.core.scoring.ThresholdOverride;
import dev.argus.server.admin.AdminConfig;
import dev.argus.server.export.DeliveryConfig;
import dev.argus.server.export.OtlpGrpcExporterConfig;
import dev.argus.server.join.LogJoinConfig;
import dev.argus.server.receiver.OtlpGrpcReceiverConfig;
import dev.argus.server.receiver.OtlpHttpReceiverConfig;
import dev.argus.server.security.SecurityConfig;
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

  /** Default OTLP/HTTP receiver address: loopback only. */
  public static final String DEFAULT_HTTP_RECEIVER_ENDPOINT = "localhost:4318";

  /** Default maximum request size in MiB. */
  public static final int DEFAULT_MAX_RECV_MSG_SIZE_MIB = 16;

  /** Default file that receives OTLP/JSON lines when no downstream is configured. */
  public static final String DEFAULT_FILE_PATH = "./argus-out.jsonl";

  /** Default timeout of one downstream export. */
  public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(5);

  private static final String COMPOSITE = "composite";
  private static final String OVERRIDES = "scoring.overrides";
  private static final List<String> OVERRIDE_KEYS = List.of("service_name", "model", "thresholds");
  private static final int MAX_VARIANCE_PROMPTS = 10_000_000;
  private static final int MAX_ANSWERS_PER_PROMPT = 1_000;
  private static final int MAX_RECV_MSG_SIZE_MIB = 2047;
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  /** Every key a setting reads; a free-form mapping (such as headers) is one key. */
  private static final Set<String> KEYS = new LinkedHashSet<>();

  static {
    KEYS.add("receivers.otlp.grpc.endpoint");
    KEYS.add("receivers.otlp.grpc.max_recv_msg_size_mib");
    KEYS.add("receivers.otlp.http.endpoint");
    KEYS.add("receivers.otlp.http.max_request_body_size_mib");
    KEYS.add("receivers.otlp.http.max_concurrent_requests");
    KEYS.add("receivers.otlp.http.retry_after");
    KEYS.addAll(DeliverySecuritySettings.RECEIVER_KEYS);
    KEYS.add("exporter.otlp.endpoint");
    KEYS.add("exporter.otlp.tls.insecure");
    KEYS.add("exporter.otlp.headers");
    KEYS.add("exporter.otlp.compression");
    KEYS.add("exporter.otlp.timeout");
    KEYS.add("exporter.file.path");
    KEYS.addAll(DeliverySecuritySettings.EXPORTER_KEYS);
    KEYS.add("scoring.profile");
    KEYS.add("scoring.thresholds");
    KEYS.add("scoring.weights");
    KEYS.add("scoring.latency_sla");
    KEYS.add("scoring.cost.budget_tokens");
    KEYS.addAll(DeliverySecuritySettings.SCORING_KEYS);
    // A list of mappings, checked entry by entry.
    KEYS.add("scoring.overrides");
    KEYS.add("scoring.golden_answers.file");
    KEYS.add("scoring.safety.phone_regions");
    KEYS.add("scoring.variance.max_prompts");
    KEYS.add("scoring.variance.answers_per_prompt");
    KEYS.add("scoring.variance.ttl");
    KEYS.add("enrichment.evaluation_events");
    KEYS.add("enrichment.evaluation_logs");
    // Checked key by key by CorrectionConfigParser.
    KEYS.add("correction");
    KEYS.add("log_join.hold_window");
    KEYS.add("log_join.max_held_mib");
    KEYS.add("log_join.record_window");
    KEYS.add("log_join.max_records_mib");
    KEYS.addAll(DeliverySecuritySettings.AUTH_KEYS);
    KEYS.add(AdminSettings.ENDPOINT);
    KEYS.add(AdminSettings.MAX_BODY);
    KEYS.add(AdminSettings.BLOCK_ON);
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
    JsonNode document = root == null || root.isNull() ? YAML.createObjectNode() : root;
    ConfigReader reader = new ConfigReader(document, KEYS, environment);
    ArgusConfig config = read(document, reader);
    if (!reader.problems().isEmpty()) {
      throw new ConfigException(source, reader.problems());
    }
    return config;
  }

  private ArgusConfig read(JsonNode root, ConfigReader in) {
    if (!root.isObject()) {
      in.problems()
          .add(
              "(document): "
                  + ConfigReader.render(root)
                  + " (expected: a mapping of keys to values)");
      return null;
    }
    in.checkKeys(root, "");
    OtlpGrpcReceiverConfig receiver = receiver(in);
    OtlpGrpcExporterConfig exporter = exporter(in);
    String filePath = in.nonEmpty("exporter.file.path", DEFAULT_FILE_PATH);
    ScoringSettings scoring = scoring(in);
    boolean events = in.bool("enrichment.evaluation_events", true);
    boolean logs = in.bool("enrichment.evaluation_logs", true);
    CorrectionConfig correction = correction(root, in);
    OtlpHttpReceiverConfig http = httpReceiver(root, in);
    LogJoinConfig logJoin = logJoin(in);
    DeliveryConfig delivery = DeliverySecuritySettings.delivery(in);
    SecurityConfig security = DeliverySecuritySettings.security(in, environment);
    AdminConfig admin = AdminSettings.read(root, in);
    if (!in.problems().isEmpty()) {
      return null;
    }
    return new ArgusConfig(
        receiver,
        exporter,
        Path.of(filePath),
        scoring,
        events,
        correction,
        http,
        logJoin,
        logs,
        delivery,
        security,
        admin);
  }

  /**
   * Returns the OTLP/HTTP receiver, or null when it is off: it is on when {@code
   * receivers.otlp.http} is present or when {@code receivers.otlp} is absent altogether, so a file
   * that lists only {@code grpc} gets only gRPC, as in the Collector.
   */
  private static OtlpHttpReceiverConfig httpReceiver(JsonNode root, ConfigReader in) {
    boolean listed = root.path("receivers").path("otlp").has("http");
    boolean defaulted = !root.path("receivers").has("otlp");
    if (!listed && !defaulted) {
      return null;
    }
    String key = "receivers.otlp.http.endpoint";
    String value = in.text(key, DEFAULT_HTTP_RECEIVER_ENDPOINT);
    ConfigReader.HostPort endpoint = in.hostPort(key, value, value);
    int mib =
        in.integer(
            "receivers.otlp.http.max_request_body_size_mib",
            OtlpHttpReceiverConfig.DEFAULT_MAX_REQUEST_BODY_BYTES / (1024 * 1024),
            1,
            MAX_RECV_MSG_SIZE_MIB);
    int concurrent =
        in.integer(
            "receivers.otlp.http.max_concurrent_requests",
            OtlpHttpReceiverConfig.DEFAULT_MAX_CONCURRENT_REQUESTS,
            1,
            1_000_000);
    Duration retryAfter =
        in.duration("receivers.otlp.http.retry_after", OtlpHttpReceiverConfig.DEFAULT_RETRY_AFTER);
    if (endpoint == null || retryAfter == null) {
      return null;
    }
    return new OtlpHttpReceiverConfig(
        endpoint.host(), endpoint.port(), mib * 1024 * 1024, concurrent, retryAfter);
  }

  private static LogJoinConfig logJoin(ConfigReader in) {
    Duration hold = in.duration("log_join.hold_window", LogJoinConfig.DEFAULT_HOLD_WINDOW);
    int heldMib = in.integer("log_join.max_held_mib", 64, 1, 1 << 20);
    Duration records = in.duration("log_join.record_window", LogJoinConfig.DEFAULT_RECORD_WINDOW);
    int recordsMib = in.integer("log_join.max_records_mib", 64, 1, 1 << 20);
    return new LogJoinConfig(
        hold == null ? LogJoinConfig.DEFAULT_HOLD_WINDOW : hold,
        heldMib * 1024L * 1024,
        records == null ? LogJoinConfig.DEFAULT_RECORD_WINDOW : records,
        recordsMib * 1024L * 1024);
  }

  private CorrectionConfig correction(JsonNode root, ConfigReader in) {
    try {
      return CorrectionConfigParser.parse(root.get("correction"), environment);
    } catch (IllegalArgumentException e) {
      in.problems().addAll(List.of(e.getMessage().split("\n")));
      return null;
    }
  }

  private static OtlpGrpcReceiverConfig receiver(ConfigReader in) {
    String key = "receivers.otlp.grpc.endpoint";
    String value = in.text(key, DEFAULT_RECEIVER_ENDPOINT);
    ConfigReader.HostPort endpoint = in.hostPort(key, value, value);
    int mib =
        in.integer(
            "receivers.otlp.grpc.max_recv_msg_size_mib",
            DEFAULT_MAX_RECV_MSG_SIZE_MIB,
            1,
            MAX_RECV_MSG_SIZE_MIB);
    if (endpoint == null) {
      return null;
    }
    return new OtlpGrpcReceiverConfig(endpoint.host(), endpoint.port(), mib * 1024 * 1024);
  }

  private static OtlpGrpcExporterConfig exporter(ConfigReader in) {
    String key = "exporter.otlp.endpoint";
    String endpoint = in.text(key, "");
    boolean insecure = in.bool("exporter.otlp.tls.insecure", false);
    Map<String, String> headers = in.stringMap("exporter.otlp.headers");
    String compression = in.text("exporter.otlp.compression", "gzip");
    if (compression != null && !compression.equals("gzip") && !compression.equals("none")) {
      in.problem("exporter.otlp.compression", compression, "gzip or none");
    }
    Duration timeout = in.duration("exporter.otlp.timeout", DEFAULT_EXPORT_TIMEOUT);
    if (endpoint == null || endpoint.isEmpty()) {
      return null;
    }
    String target = endpoint.replaceFirst("^https?://", "");
    if (in.hostPort(key, target, endpoint) == null) {
      return null;
    }
    return new OtlpGrpcExporterConfig(
        endpoint,
        insecure,
        headers,
        !"none".equals(compression),
        timeout == null ? DEFAULT_EXPORT_TIMEOUT : timeout);
  }

  private static ScoringSettings scoring(ConfigReader in) {
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
    Duration varianceTtl =
        in.duration("scoring.variance.ttl", ScoringConfig.DEFAULT_VARIANCE_TTL);
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
      in.problem(OVERRIDES, ConfigReader.render(list), "a list of mappings");
      return overrides;
    }
    for (int i = 0; i < list.size(); i++) {
      String key = OVERRIDES + "[" + i + "]";
      JsonNode entry = list.get(i);
      if (!entry.isObject()) {
        in.problem(
            key, ConfigReader.render(entry), "a mapping with service_name, model, thresholds");
        continue;
      }
      Iterator<String> names = entry.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!OVERRIDE_KEYS.contains(name)) {
          in.problems()
              .add(
                  key + "." + name + ": unknown key (expected one of: "
                      + String.join(", ", OVERRIDE_KEYS) + ")");
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
            ConfigReader.render(thresholds),
            "a mapping of dimensions to numbers");
      } else if (thresholds != null) {
        Iterator<Map.Entry<String, JsonNode>> fields = thresholds.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          String valueKey = key + ".thresholds." + field.getKey();
          Double value =
              in.number(
                  valueKey,
                  ConfigReader.render(field.getValue()),
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
      in.problem(key, ConfigReader.render(node), "a non-empty string");
      return null;
    }
    return node.asText();
  }

  /**
   * Reads the golden answers file: a YAML (or JSON) list of {@code {prompt, answer}} entries.
   * Every bad entry is reported; the good ones are kept.
   */
  private static Map<String, String> goldenAnswers(ConfigReader in, Path file) {
    String key = "scoring.golden_answers.file";
    JsonNode entries;
    try {
      entries = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
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
      if (prompt == null || answer == null || !prompt.isTextual() || !answer.isTextual()
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
