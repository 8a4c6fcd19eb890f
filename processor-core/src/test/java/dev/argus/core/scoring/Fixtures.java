package dev.argus.core.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test resources copied from the shared fixtures. */
public final class Fixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** Returns the JSON resource at {@code path} (relative to the resources root). */
  public static JsonNode json(String path) {
    try (InputStream in = open(path)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the text resource at {@code path}. */
  public static String text(String path) {
    try (InputStream in = open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the item with {@code id} of an edge-case file's {@code items} list. */
  public static JsonNode item(JsonNode edgeCase, String id) {
    for (JsonNode item : edgeCase.get("items")) {
      if (item.get("id").asText().equals(id)) {
        return item;
      }
    }
    throw new IllegalArgumentException("no item " + id);
  }

  private static InputStream open(String path) {
    InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException("missing test resource " + path);
    }
    return in;
  }
}
