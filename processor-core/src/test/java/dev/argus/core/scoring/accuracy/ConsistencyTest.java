package dev.argus.core.scoring.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

  @Test
  void check_findsClaimsAboutTheSameThingWithOppositePolarity() {
    List<Consistency.Problem> problems =
        Consistency.check(
            "The regional warehouse inventory forecast was approved. "
                + "The regional warehouse inventory forecast was not approved.");

    assertEquals(List.of("self_contradiction"), kinds(problems));
  }

  @Test
  void check_findsClaimsAboutTheSameThingWithDifferentNumbers() {
    List<Consistency.Problem> problems =
        Consistency.check(
            "Regional warehouse inventory grew 12 units. Regional warehouse inventory grew 15"
                + " units.");

    assertEquals(List.of("self_contradiction"), kinds(problems));
  }

  @Test
  void check_ignoresClaimsOfVeryDifferentLength() {
    List<Consistency.Problem> problems =
        Consistency.check(
            "The regional warehouse inventory forecast was approved. The regional warehouse "
                + "inventory forecast for quarterly shipment capacity planning was not approved.");

    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void check_ignoresConditionalClaims() {
    List<Consistency.Problem> problems =
        Consistency.check(
            "If regional warehouse inventory grew 12 units. "
                + "Regional warehouse inventory grew 15 units.");

    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void check_pairsLaterClaimsPastIncomparableOnes() {
    // The first conflicting pair in text order is reported, whatever lies between its claims.
    List<Consistency.Problem> problems =
        Consistency.check(
            "Regional warehouse inventory grew 12 units. It rained. Maybe regional warehouse stock"
                + " grew. The regional warehouse inventory forecast was approved. Regional"
                + " warehouse inventory grew 15 units. The regional warehouse inventory forecast"
                + " was not approved.");

    assertEquals(List.of("self_contradiction"), kinds(problems));
    assertEquals(
        "two statements about the same thing give different numbers", problems.get(0).detail());
  }

  private static List<String> kinds(List<Consistency.Problem> problems) {
    return problems.stream().map(Consistency.Problem::kind).toList();
  }
}
