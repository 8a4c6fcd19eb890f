package dev.argus.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process started by the load command. Its stdout lines are queued for {@link #awaitLine}; stderr
 * goes to a log file. {@link #close()} ends exactly this process (by its handle, never by name),
 * politely first, then forcibly.
 */
final class ChildProcess implements AutoCloseable {
  /** Largest gRPC message any of our processes accepts (gen-AI batches are large). */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Writer stdin;

  private ChildProcess(String name, Process process, boolean readStdout) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    if (readStdout) {
      Thread reader = new Thread(this::readLines, name + "-stdout");
      reader.setDaemon(true);
      reader.start();
    }
  }

  /** Starts one of our processes: stdout is read as lines, stderr appended to {@code log}. */
  static ChildProcess start(String name, List<String> command, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildProcess(name, builder.start(), true);
  }

  /**
   * Starts a process in {@code workDir} (so files it writes by default land there), with its stdout
   * and stderr both appended to {@code log}.
   */
  static ChildProcess startLogged(String name, List<String> command, Path workDir, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildProcess(name, builder.start(), false);
  }

  /** Returns a command that runs {@code mainClass} from this JVM's class path. */
  static List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** Returns the java launcher of the running JVM. */
  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Returns the name given at start. */
  String name() {
    return name;
  }

  /** Returns the operating-system process id. */
  long pid() {
    return process.pid();
  }

  /** Returns true while the process runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for a stdout line starting with {@code prefix} and returns it. */
  String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IOException(
            name
                + ": no '"
                + prefix
                + "' line within "
                + timeout
                + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"));
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Writes one line to the process's stdin. */
  void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // The process may already be gone; stopping it below still applies.
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The process closed its stdout; awaitLine reports the missing line.
    }
  }
}
