package dev.argus.server.testing;

import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/** Configurations for tests: receiver on 127.0.0.1 port 0. */
public final class TestConfigs {
  private TestConfigs() {}

  /**
   * Returns a config that forwards to {@code downstream} over plaintext with a 2s timeout, plus
   * {@code extraExporterYaml} (lines indented under {@code exporter.otlp}).
   */
  public static ArgusConfig forwardingTo(String downstream, String extraExporterYaml) {
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\", max_recv_msg_size_mib: 1}}}\n"
            + "exporter:\n"
            + "  otlp:\n"
            + "    endpoint: \""
            + downstream
            + "\"\n"
            + "    tls: {insecure: true}\n"
            + (extraExporterYaml.contains("timeout:") ? "" : "    timeout: 2s\n")
            + extraExporterYaml;
    return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
  }

  /** Returns a config that writes OTLP/JSON lines to {@code file}. */
  public static ArgusConfig writingTo(Path file) {
    String yaml =
        "receivers: {otlp: {grpc: {endpoint: \"127.0.0.1:0\"}}}\n"
            + "exporter: {file: {path: \""
            + file
            + "\"}}\n";
    return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
  }
}
