package dev.argus.server.testing;

import dev.argus.server.otlp.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the edge-case fixtures copied under {@code fixtures/edge-cases/}. */
public final class EdgeCases {
  private EdgeCases() {}

  /** Returns the text of {@code fixtures/edge-cases/name}. */
  public static String text(String name) {
    try (InputStream in = EdgeCases.class.getResourceAsStream("/fixtures/edge-cases/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the OTLP/JSON trace request in {@code fixtures/edge-cases/name}. */
  public static ExportTraceServiceRequest request(String name) {
    return OtlpJson.parseTraces(text(name));
  }
}
