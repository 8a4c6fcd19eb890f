package dev.argus.core.correction;

import dev.argus.core.scoring.safety.PiiScanner;
import java.util.Objects;

/**
 * A {@link PiiMasker} backed by the safety scorer's {@link PiiScanner}, so correction events mask
 * exactly the kinds the scorer detects: each finding becomes {@code [KIND]}, for example {@code
 * [EMAIL]} or {@code [PHONE]}. Thread-safe.
 */
public final class ScannerPiiMasker implements PiiMasker {

  private final PiiScanner scanner;

  /** Creates a masker that uses {@code scanner}. */
  public ScannerPiiMasker(PiiScanner scanner) {
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  /** Returns a masker for every kind, with the scanner's default phone regions. */
  public static ScannerPiiMasker withDefaults() {
    return new ScannerPiiMasker(new PiiScanner());
  }

  @Override
  public String mask(String text) {
    return text == null || text.isEmpty() ? "" : scanner.redact(text);
  }
}
