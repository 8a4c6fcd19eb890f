package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Fixtures;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BL-25: a card needs issuer prefix, issuer length, Luhn, and no adjacent digits or decimals. */
class Bl25PaymentCardsTest {

  private static final JsonNode CASE = Fixtures.json("fixtures/edge-cases/BL-25.json");
  private final PiiScanner scanner =
      new PiiScanner(PiiScanner.DEFAULT_PHONE_REGIONS, EnumSet.of(PiiKind.CREDIT_CARD));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "c01|4111 1111 1111 1111",
        "c02|5555-5555-5555-4444",
        "c03|2223003122003222",
        "c04|378282246310005",
        "c05|6011111111111117",
        "c06|4111111111111111110"
      })
  void card_isFoundOnceWithExactSpan(String id, String expected) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    List<PiiFinding> findings = scanner.scan(text);

    assertEquals(1, findings.size(), text);
    assertEquals(expected, findings.get(0).in(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"c07", "c08", "c09", "c10", "c11", "c12"})
  void lookAlike_isNoCard(String id) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11", "c12"})
  void fullScanner_findsNoOtherKindInCardCases(String id) {
    String text = Fixtures.item(CASE, id).get("text").asText();
    int expected = id.compareTo("c07") < 0 ? 1 : 0;

    List<PiiFinding> findings = new PiiScanner().scan(text);

    assertEquals(expected, findings.size(), text + " " + findings);
  }
}
