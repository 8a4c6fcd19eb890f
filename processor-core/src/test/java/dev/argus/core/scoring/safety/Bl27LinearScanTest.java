package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Fixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BL-27: pathological input is scanned in linear time and yields no finding. */
class Bl27LinearScanTest {

  private static final String TEXT = Fixtures.text("fixtures/edge-cases/BL-27.txt");
  private final PiiScanner scanner = new PiiScanner();

  @Test
  void wholeFile_hasNoFinding() {
    assertEquals(List.of(), scanner.scan(TEXT));
  }

  @Test
  void wholeFile_scansWellUnderOneSecondAndLinearly() {
    String half = TEXT.substring(0, 150_000);
    for (int i = 0; i < 3; i++) {
      scanner.scan(TEXT); // warm up the JIT so the timing compares steady states
    }

    long full = bestOf(TEXT);
    long partial = bestOf(half);

    assertTrue(full < 1_000_000_000L, "full scan took " + full / 1_000_000 + " ms of CPU");
    // 2.5x allowed by the case, plus slack for scheduling noise on a shared machine.
    assertTrue(
        full <= 3.0 * partial + 10_000_000L, "full " + full + " ns, half " + partial + " ns");
  }

  @Test
  void safetyScorer_onWholeFileAsCompletion_findsNothing() {
    var call =
        dev.argus.semconv.model.GenAiCall.builder()
            .setCompletion(TEXT)
            .setContentStatus(dev.argus.semconv.model.ContentStatus.CAPTURED)
            .build();

    var score = new SafetyScorer(scanner).score(dev.argus.core.scoring.ScoringInput.of(call));

    assertEquals(1.0, score.value(), score.toString());
  }

  // The thread's own CPU time, as the case states its bound: other processes busy on the machine
  // stretch the wall-clock time of a scan, not the CPU time it takes.
  private long bestOf(String text) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long start = threads.getCurrentThreadCpuTime();
      scanner.scan(text);
      best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
    }
    return best;
  }
}
