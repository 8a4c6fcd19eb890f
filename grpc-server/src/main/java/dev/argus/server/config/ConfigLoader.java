package dev.argus.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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

  private static final int MAX_RECV_MSG_SIZE_MIB = 2047;

  /** Reads YAML, rejecting a mapping that repeats a key. */
  static final ObjectMapper YAML =
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
    KEYS.addAll(ScoringSection.KEYS);
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
          List.of("--config: " + file + " " + unreadable(e) + " (expected: a readable file)"));
    }
    return parse(yaml, file.toString());
  }

  // Says why in words rather than with the exception's class name.
  private static String unreadable(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "may not be read";
    }
    if (e instanceof CharacterCodingException) {
      return "is not UTF-8 text";
    }
    return "cannot be read: " + e.getMessage();
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
                  + SecretValues.render("", root)
                  + " (expected: a mapping of keys to values)");
      return null;
    }
    in.checkKeys(root, "");
    OtlpGrpcReceiverConfig receiver = receiver(in);
    OtlpGrpcExporterConfig exporter = exporter(in);
    String filePath = in.nonEmpty("exporter.file.path", DEFAULT_FILE_PATH);
    ScoringSettings scoring = ScoringSection.read(in);
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
    int defaultMib =
        (int) (LogJoinConfig.defaultMaxBytes(Runtime.getRuntime().maxMemory()) / (1024 * 1024));
    int heldMib = in.integer("log_join.max_held_mib", defaultMib, 1, 1 << 20);
    Duration records = in.duration("log_join.record_window", LogJoinConfig.DEFAULT_RECORD_WINDOW);
    int recordsMib = in.integer("log_join.max_records_mib", defaultMib, 1, 1 << 20);
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
    Map<String, String> headers = ExportHeaders.read(in);
    String compression = in.text("exporter.otlp.compression", "gzip");
    if (compression != null && !compression.equals("gzip") && !compression.equals("none")) {
      in.problem("exporter.otlp.compression", compression, "gzip or none");
    }
    Duration timeout = in.duration("exporter.otlp.timeout", DEFAULT_EXPORT_TIMEOUT);
    if (endpoint == null || endpoint.isEmpty()) {
      return null;
    }
    if (EndpointText.hasUserInfo(endpoint)) {
      // gRPC sends no credentials from the address; they belong in a header.
      in.problem(
          key,
          EndpointText.safe(endpoint),
          "host:port without user:password@ (put credentials in exporter.otlp.headers)");
      return null;
    }
    String target = endpoint.replaceFirst("^https?://", "");
    if (in.hostPort(key, target, EndpointText.safe(endpoint)) == null) {
      return null;
    }
    return new OtlpGrpcExporterConfig(
        endpoint,
        insecure,
        headers,
        !"none".equals(compression),
        timeout == null ? DEFAULT_EXPORT_TIMEOUT : timeout);
  }
}
