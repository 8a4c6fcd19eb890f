package dev.argus.server;

import dev.argus.core.scoring.Verdict;
import dev.argus.server.config.ArgusConfig;
import dev.argus.server.config.ConfigException;
import dev.argus.server.config.ConfigLoader;
import dev.argus.server.pipeline.TracePipeline;
import dev.argus.server.replay.ReplayCommand;
import dev.argus.server.webhook.DeadLetterReplayer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Command line entry point.
 *
 * <pre>
 * argus [run] [--config FILE]                    start the service (the default command)
 * argus replay FILE [--endpoint HOST:PORT]       send a .pb, OTLP/JSON or .jsonl trace/log file
 * argus replay-dead-letters [--config FILE]      resend the correction webhooks that gave up
 * </pre>
 */
public final class ArgusMain {
  static {
    // Both must be set before the first logger exists.
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    }
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    }
  }

  private static final Logger logger = Logger.getLogger(ArgusMain.class.getName());
  private static final String USAGE =
      "usage: argus [run] [--config FILE]\n"
          + "       argus replay FILE [--endpoint HOST:PORT]   (default endpoint localhost:4317)\n"
          + "       argus replay-dead-letters [--config FILE]\n"
          + "       argus help | --help | -h";

  private ArgusMain() {}

  /** Runs the command in {@code args} and exits with its status when it ends. */
  public static void main(String[] args) {
    int status = run(List.of(args), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command in {@code args}; returns the exit status, blocking while serving. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    String command = args.isEmpty() || args.get(0).startsWith("--") ? "run" : args.get(0);
    List<String> options =
        args.isEmpty() || args.get(0).startsWith("--") ? args : args.subList(1, args.size());
    switch (command) {
      case "run":
        return serve(options, err);
      case "replay":
        return replay(options, out, err);
      case "replay-dead-letters":
        return replayDeadLetters(options, out, err);
      case "help":
        out.println(USAGE);
        return 0;
      default:
        err.println("unknown command: " + command + "\n" + USAGE);
        return 2;
    }
  }

  private static int serve(List<String> options, PrintStream err) {
    Path configFile = configFile(options);
    ArgusConfig config = loadConfig(options, configFile, err);
    if (config == null) {
      return 2;
    }
    ArgusServer server;
    try {
      server = ArgusServer.start(config);
    } catch (UncheckedIOException e) {
      err.println("cannot start: " + e.getMessage());
      return 1;
    }
    logger.info(
        "ARGUS listening port="
            + server.port()
            + " http_port="
            + server.httpPort()
            + " admin_port="
            + server.adminPort()
            + " destination="
            + server.destination()
            + " config="
            + (configFile == null ? "(defaults)" : configFile)
            + " "
            + config.describe());
    awaitShutdown(server);
    return 0;
  }

  /**
   * Resends every delivery in the dead-letter file once; exits 0 when none is left, 1 when some
   * failed again (they stay in the file).
   */
  private static int replayDeadLetters(List<String> options, PrintStream out, PrintStream err) {
    ArgusConfig config = loadConfig(options, configFile(options), err);
    if (config == null) {
      return 2;
    }
    try {
      DeadLetterReplayer.Result result = new DeadLetterReplayer(config.correction()).replay();
      out.println(
          "delivered="
              + result.delivered()
              + " failed="
              + result.failed()
              + " unknown_subscriber="
              + result.unknownSubscriber()
              + " file="
              + config.correction().deadLetterFile());
      return result.remaining() == 0 ? 0 : 1;
    } catch (IOException e) {
      err.println("cannot replay " + config.correction().deadLetterFile() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Returns the {@code --config} file, or null when there is none. */
  private static Path configFile(List<String> options) {
    Path configFile = null;
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equals("--config") && i + 1 < options.size()) {
        configFile = Path.of(options.get(++i));
      }
    }
    return configFile;
  }

  /** Returns the configuration, or null after printing what is wrong with it or the options. */
  private static ArgusConfig loadConfig(List<String> options, Path configFile, PrintStream err) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equals("--config") && i + 1 < options.size()) {
        i++;
      } else {
        err.println("unknown option: " + options.get(i) + "\n" + USAGE);
        return null;
      }
    }
    try {
      ConfigLoader loader = ConfigLoader.fromEnvironment();
      return configFile == null ? loader.defaults() : loader.load(configFile);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return null;
    }
  }

  private static void awaitShutdown(ArgusServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  logger.info("ARGUS shutting down: draining requests in flight");
                  server.close();
                  logger.info(
                      "ARGUS stopped "
                          + pipelineCounters(server.pipeline())
                          + " correction_events="
                          + server.corrections().stats().events()
                          + " webhooks_delivered="
                          + server.corrections().stats().delivered()
                          + " webhooks_dead_lettered="
                          + server.corrections().stats().deadLettered()
                          + " corrections_skipped_invalid_ids="
                          + server.corrections().stats().invalidIds()
                          + " rejected_items="
                          + server.receiverCounters().rejectedItemCount()
                          + " repaired_values="
                          + server.receiverCounters().repairedValueCount()
                          + " held_spans="
                          + server.joiner().heldSpanCount()
                          + " held_released_on_timeout="
                          + server.joiner().releasedOnTimeoutCount()
                          + " lost_at_shutdown_requests="
                          + server.deliveryStats().lostAtShutdownRequests());
                  if (LogManager.getLogManager() instanceof ShutdownSafeLogManager manager) {
                    manager.shutdown();
                  }
                  stopped.countDown();
                },
                "argus-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the pipeline's counters as {@code name=value} pairs: verdicts are scoring results,
   * {@code unscored_spans} and {@code processing_errors} are spans and requests ARGUS could not
   * evaluate.
   */
  static String pipelineCounters(TracePipeline pipeline) {
    return "requests="
        + pipeline.requestCount()
        + " evaluated_spans="
        + pipeline.evaluatedSpanCount()
        + " verdict_pass="
        + pipeline.verdictCount(Verdict.PASS)
        + " verdict_fail="
        + pipeline.verdictCount(Verdict.FAIL)
        + " verdict_not_evaluated="
        + pipeline.verdictCount(Verdict.NOT_EVALUATED)
        + " unscored_spans="
        + pipeline.unscoredSpanCount()
        + " processing_errors="
        + pipeline.processingErrorCount()
        + " failed_exports="
        + pipeline.failedExportCount()
        + " refused_queue_full="
        + pipeline.refusedQueueFullCount();
  }

  private static int replay(List<String> options, PrintStream out, PrintStream err) {
    Path file = null;
    String endpoint = "localhost:4317";
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (option.equals("--endpoint") && i + 1 < options.size()) {
        endpoint = options.get(++i);
      } else if (!option.startsWith("--") && file == null) {
        file = Path.of(option);
      } else {
        err.println("unknown option: " + option + "\n" + USAGE);
        return 2;
      }
    }
    if (file == null) {
      err.println("replay needs a file\n" + USAGE);
      return 2;
    }
    return new ReplayCommand(Duration.ofSeconds(30)).run(file, endpoint, out, err);
  }
}
