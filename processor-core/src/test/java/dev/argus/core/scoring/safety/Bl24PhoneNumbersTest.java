package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Fixtures;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BL-24: phone look-alikes are not phones; real national and international formats are. */
class Bl24PhoneNumbersTest {

  private static final JsonNode CASE = Fixtures.json("fixtures/edge-cases/BL-24.json");
  private final PiiScanner scanner =
      new PiiScanner(PiiScanner.DEFAULT_PHONE_REGIONS, EnumSet.of(PiiKind.PHONE));

  @ParameterizedTest(name = "{0}")
  @CsvSource({"n01", "n02", "n03", "n04", "n05", "n06", "n07", "n08", "n09"})
  void lookAlike_isNoPhone(String id) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "p01|+44 20 7946 0958",
        "p02|020 7946 0321",
        "p03|07700 900461",
        "p04|(415) 555-0142",
        "p05|+1 415-555-0199 ext. 204",
        "p06|415.555.0123",
        "p07|+14155550176"
      })
  void phone_isFoundOnceWithExactSpan(String id, String expected) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    List<PiiFinding> findings = scanner.scan(text);

    assertEquals(1, findings.size(), text);
    assertEquals(PiiKind.PHONE, findings.get(0).kind());
    assertEquals(expected, findings.get(0).in(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"p01", "p02", "p03", "p04", "p05", "p06", "p07"})
  void redaction_leavesNoDigitOfTheNumber(String id) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    String redacted = scanner.redact(text);

    assertFalse(redacted.chars().anyMatch(Character::isDigit), redacted);
  }
}
