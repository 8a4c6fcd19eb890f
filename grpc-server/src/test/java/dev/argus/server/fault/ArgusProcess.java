package dev.argus.server.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARGUS started from the shaded jar as a child process on 127.0.0.1, so that tests can kill it with
 * SIGKILL or stop it with SIGTERM like an operator would.
 */
final class ArgusProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("ARGUS listening port=(\\d+)");

  private final Process process;
  private final Path log;
  private final int port;

  private ArgusProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Writes {@code yaml} to {@code dir} and starts ARGUS with it; waits until it listens. */
  static ArgusProcess start(Path dir, String name, String yaml) throws Exception {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, yaml, StandardCharsets.UTF_8);
    Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "-jar",
                    jar().toString(),
                    "run",
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher matcher = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (matcher.find()) {
        return new ArgusProcess(process, log, Integer.parseInt(matcher.group(1)));
      }
      if (!process.isAlive()) {
        throw new AssertionError("ARGUS exited at startup:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new AssertionError("ARGUS did not start within 30 s:\n" + Files.readString(log));
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("argus.jar", "target/argus.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("no shaded jar at " + jar + "; run with -Pfault-injection verify");
    }
    return jar;
  }

  /** Returns the port of the OTLP/gRPC receiver. */
  int port() {
    return port;
  }

  /** Sends SIGKILL and waits for the process to end. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Sends SIGTERM; returns how long the process took to exit, failing after {@code limit}. */
  Duration terminate(Duration limit) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ARGUS still running " + limit + " after SIGTERM");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Returns everything ARGUS logged so far. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
