package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A score's evidence is an unmodifiable copy that equals any map with the same entries. */
class EvidenceMapTest {

  private static Map<String, Object> source() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("claims", 3);
    evidence.put("unsupported_terms", List.of("Lisbon"));
    evidence.put("contradicted_claims", 0);
    return evidence;
  }

  @Test
  void score_keepsEntriesInSourceOrder_andEqualsOtherMaps() {
    DimensionScore score = DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", source());

    assertEquals(
        List.of("claims", "unsupported_terms", "contradicted_claims"),
        new ArrayList<>(score.evidence().keySet()));
    assertEquals(source(), score.evidence());
    assertEquals(score.evidence(), new HashMap<>(source()));
    assertEquals(Map.copyOf(source()).hashCode(), score.evidence().hashCode());
    assertEquals(DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", Map.copyOf(source())), score);
    assertEquals(3, score.evidence().get("claims"));
    assertTrue(score.evidence().containsKey("contradicted_claims"));
    assertNull(score.evidence().get("missing"));
    assertFalse(score.evidence().containsKey("missing"));
  }

  @Test
  void score_isNotChangedByItsSourceMap() {
    Map<String, Object> evidence = source();
    DimensionScore score = DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", evidence);

    evidence.put("claims", 99);
    evidence.remove("unsupported_terms");

    assertEquals(3, score.evidence().get("claims"));
    assertEquals(3, score.evidence().size());
  }

  @Test
  void evidence_rejectsEveryChange() {
    Map<String, Object> evidence =
        DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", source()).evidence();

    assertThrows(UnsupportedOperationException.class, () -> evidence.put("claims", 1));
    assertThrows(UnsupportedOperationException.class, () -> evidence.remove("claims"));
    assertThrows(UnsupportedOperationException.class, () -> evidence.putAll(Map.of("a", 1)));
    assertThrows(UnsupportedOperationException.class, evidence::clear);
    assertThrows(UnsupportedOperationException.class, () -> evidence.keySet().remove("claims"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> evidence.entrySet().iterator().next().setValue(1));
    assertThrows(UnsupportedOperationException.class, () -> evidence.values().removeIf(v -> true));
  }

  @Test
  void evidence_rejectsNullKeysAndValues() {
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("claims", null);
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);

    assertThrows(
        NullPointerException.class,
        () -> DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", nullValue));
    assertThrows(
        NullPointerException.class,
        () -> DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", nullKey));
  }

  @Test
  void copyOfACopy_isTheSameMap() {
    Map<String, Object> evidence =
        DimensionScore.of(Dimension.GROUNDEDNESS, 0.5, "x", source()).evidence();

    assertSame(evidence, DimensionScore.of(Dimension.ACCURACY, 0.1, "y", evidence).evidence());
  }
}
