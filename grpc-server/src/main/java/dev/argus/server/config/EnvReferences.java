package dev.argus.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${env:NAME}} and {@code ${env:NAME:-fallback}} references a configuration value may
 * hold, resolved against an injected environment so tests need not touch the process's own.
 */
public final class EnvReferences {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private EnvReferences() {}

  /**
   * Returns {@code text} with every reference replaced by its variable's value, else its fallback.
   * A variable that is unset and has no fallback is passed to {@code unset} and replaced by "".
   */
  public static String resolve(
      String text, Function<String, String> environment, Consumer<String> unset) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String value = environment.apply(matcher.group(1));
      if (value == null) {
        value = matcher.group(3);
      }
      if (value == null) {
        unset.accept(matcher.group(1));
        value = "";
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(resolved).toString();
  }

  /** Returns the variables {@code text} refers to without a fallback, in order. */
  public static List<String> withoutFallback(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) {
      if (matcher.group(3) == null) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /**
   * Returns {@code text} with its references without a fallback kept as written and every other run
   * of text, references with a fallback included, replaced by one {@code mask}: the names tell
   * where a value comes from, while the text around them and a fallback may be the value.
   */
  public static String keepingBareReferences(String text, String mask) {
    StringBuilder kept = new StringBuilder();
    int shownUpTo = 0;
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) {
      if (matcher.group(3) != null) {
        continue;
      }
      if (matcher.start() > shownUpTo) {
        kept.append(mask);
      }
      kept.append(matcher.group());
      shownUpTo = matcher.end();
    }
    if (shownUpTo < text.length()) {
      kept.append(mask);
    }
    return kept.toString();
  }
}
