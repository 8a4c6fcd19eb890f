package dev.argus.core.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PatternPiiMaskerTest {

  private final PatternPiiMasker masker = PatternPiiMasker.withDefaults();

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
  void mask_cardNumberOnlyWhenLuhnValid() {
    assertEquals("card [CARD_NUMBER] ok", masker.mask("card 4111 1111 1111 1111 ok"));
    assertFalse(masker.mask("order 4111 1111 1111 1112").contains("[CARD_NUMBER]"));
  }

  @Test
  void mask_ibanAndIp() {
    String text = "to DE89 3704 0044 0532 0130 00 from 10.1.2.3";

    assertEquals("to [IBAN] from [IP_ADDRESS]", masker.mask(text));
  }

  @Test
  void mask_textWithoutPersonalData_isUnchanged() {
    String text = "Daily snapshots are kept for 35 days [doc-1]; restore costs $0.02 per GB.";

    assertEquals(text, masker.mask(text));
    assertEquals("", masker.mask(null));
  }

  @Test
  void luhnValid_knownNumbers() {
    assertTrue(PatternPiiMasker.luhnValid("4111111111111111"));
    assertFalse(PatternPiiMasker.luhnValid("4111111111111112"));
  }
}
