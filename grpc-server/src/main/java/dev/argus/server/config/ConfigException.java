package dev.argus.server.config;

import java.util.List;

/** Thrown when a configuration has problems; the message lists every one of them. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates an exception for the {@code problems} found in {@code source}. */
  public ConfigException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns each problem as {@code key: value (expected: ...)}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder message =
        new StringBuilder("invalid configuration ")
            .append(source)
            .append(": ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    for (String problem : problems) {
      message.append("\n  ").append(problem);
    }
    return message.toString();
  }
}
