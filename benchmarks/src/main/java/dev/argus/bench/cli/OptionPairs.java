package dev.argus.bench.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code --name value} pairs of a benchmark tool's command line. */
public final class OptionPairs {
  private OptionPairs() {}

  /**
   * Returns each option with its value, in command-line order (a repeated option keeps its last
   * value), or null after printing {@code usage} when the line asks for {@code --help} or {@code
   * -h}.
   *
   * @throws IllegalArgumentException when an option has no value
   */
  public static Map<String, String> parse(String[] args, String usage) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println(usage);
        return null;
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(args[i] + ": missing value\n" + usage);
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }
}
