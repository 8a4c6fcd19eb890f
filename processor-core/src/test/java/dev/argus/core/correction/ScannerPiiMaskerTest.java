package dev.argus.core.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScannerPiiMaskerTest {

  private final ScannerPiiMasker masker = ScannerPiiMasker.withDefaults();

  @Test
  void mask_replacesEmailAndPhone() {
    String leaked =
        "Payroll is handled by Jane Doe. You can reach her directly at jane.doe@example.com"
            + " or on her personal mobile, +1 202-555-0147.";

    assertEquals(
        "Payroll is handled by Jane Doe. You can reach her directly at [EMAIL]"
            + " or on her personal mobile, [PHONE].",
        masker.mask(leaked));
  }

  @Test
  void mask_textWithoutPersonalData_isUnchanged() {
    String text = "Daily snapshots are kept for 35 days [doc-1]; restore costs $0.02 per GB.";

    assertEquals(text, masker.mask(text));
    assertEquals("", masker.mask(null));
  }
}
