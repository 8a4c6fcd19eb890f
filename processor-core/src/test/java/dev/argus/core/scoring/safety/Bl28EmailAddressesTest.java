package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Fixtures;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BL-28: asset names, package specs and handles with an @ are not e-mail addresses. */
class Bl28EmailAddressesTest {

  private static final JsonNode CASE = Fixtures.json("fixtures/edge-cases/BL-28.json");
  private final PiiScanner scanner =
      new PiiScanner(PiiScanner.DEFAULT_PHONE_REGIONS, EnumSet.of(PiiKind.EMAIL));

  @ParameterizedTest(name = "{0}")
  @CsvSource({"e01", "e02", "e03", "e04"})
  void lookAlike_isNoEmail(String id) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "e05|jane.doe+billing@example.co.uk",
        "e06|ARJUN.PATEL@EXAMPLE.COM",
        "e07|ops-team@example.org",
        "e08|li.wei@sub.example-mail.com"
      })
  void email_isFoundWithExactSpan(String id, String expected) {
    String text = Fixtures.item(CASE, id).get("text").asText();

    List<PiiFinding> findings = scanner.scan(text);

    assertEquals(1, findings.size(), text);
    assertEquals(expected, findings.get(0).in(text));
  }
}
