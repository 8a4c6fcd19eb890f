package dev.argus.core.scoring.safety;

import java.util.Arrays;

/**
 * Where the runs of ASCII digits of a text start, found in one pass and shared by the detectors.
 * Card numbers, IBANs, SSNs, phone numbers and IPv4 addresses can only begin at or just before such
 * a start, so each detector visits the few starts instead of walking every character.
 */
final class DigitRuns {

  private int[] starts;
  private int count;

  private DigitRuns(int[] starts) {
    this.starts = starts;
  }

  /** Returns the digit runs of {@code text}. */
  static DigitRuns of(String text) {
    DigitRuns runs = new DigitRuns(new int[16]);
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      boolean digit = Chars.isDigit(text.charAt(i));
      if (digit && !inRun) {
        runs.add(i);
      }
      inRun = digit;
    }
    return runs;
  }

  private void add(int start) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
    starts[count++] = start;
  }

  /** Returns the number of runs. */
  int count() {
    return count;
  }

  /** Returns the offset of the first digit of run {@code k}; runs are in text order. */
  int start(int k) {
    return starts[k];
  }
}
