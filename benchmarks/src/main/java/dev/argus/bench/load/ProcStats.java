package dev.argus.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc/<pid>/stat} and {@code
 * /proc/<pid>/status}.
 */
final class ProcStats {
  private static final int UTIME_AFTER_COMM = 11;
  private static final int STIME_AFTER_COMM = 12;
  private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

  private ProcStats() {}

  /** Returns user + system CPU seconds the process has used so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks =
        Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
    return (double) ticks / CLOCK_TICKS_PER_SECOND;
  }

  /** Returns the current resident set size in KiB ({@code VmRSS}). */
  static long rssKib(long pid) throws IOException {
    return statusKib(pid, "VmRSS:");
  }

  /** Returns the peak resident set size in KiB ({@code VmHWM}). */
  static long peakRssKib(long pid) throws IOException {
    return statusKib(pid, "VmHWM:");
  }

  /**
   * Resets the process's peak RSS to its current RSS, so the next {@link #peakRssKib} covers only
   * what follows; returns false when the kernel does not allow it (the peak then stays the
   * process's lifetime peak).
   */
  static boolean resetPeakRss(long pid) {
    try {
      Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static long statusKib(long pid, String field) throws IOException {
    for (String line :
        Files.readAllLines(
            Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IOException("no " + field + " in /proc/" + pid + "/status");
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      getconf.waitFor();
      return Long.parseLong(out.trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
