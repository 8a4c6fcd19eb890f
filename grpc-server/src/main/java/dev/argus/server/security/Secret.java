package dev.argus.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * A credential read from a file or an environment variable, never from the configuration file
 * itself, so that it stays out of version control. {@link #toString()} never shows the value.
 */
public final class Secret {
  private final String value;
  private final String source;

  private Secret(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /**
   * Reads the secret in {@code file}; a trailing line break is dropped.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is empty
   */
  public static Secret fromFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty");
    }
    return new Secret(text, "file " + file);
  }

  /**
   * Reads the secret in environment variable {@code name} through {@code environment}.
   *
   * @throws IllegalArgumentException when the variable is unset or empty
   */
  public static Secret fromEnvironment(String name, Function<String, String> environment) {
    String text = environment.apply(Objects.requireNonNull(name, "name"));
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("environment variable " + name + " is unset or empty");
    }
    return new Secret(text.strip(), "environment variable " + name);
  }

  /** Returns the value; callers must not log it. */
  public String reveal() {
    return value;
  }

  /** Returns where the secret came from, for logs. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "[REDACTED from " + source + "]";
  }
}
