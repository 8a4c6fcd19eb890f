package dev.argus.core.scoring.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

  @Test
  void check_findsClaimsAboutTheSameThingWithOppositePolarity() {
    List<Consistency.Problem> problems = Consistency.check(
        "The regional warehouse inventory forecast was approved. "
            + "The regional warehouse inventory forecast was not approved.");

    assertEquals(List.of("self_contradiction"), kinds(problems));
  }

  @Test
  void check_findsClaimsAboutTheSameThingWithDifferentNumbers() {
    List<Consistency.Problem> problems = Consistency.check(
        "Regional warehouse inventory grew 12 units. Regional warehouse inventory grew 15 units.");

    assertEquals(List.of("self_contradiction"), kinds(problems));
  }

  @Test
  void check_ignoresClaimsOfVeryDifferentLength() {
    List<Consistency.Problem> problems = Consistency.check(
        "The regional warehouse inventory forecast was approved. The regional warehouse "
            + "inventory forecast for quarterly shipment capacity planning was not approved.");

    assertTrue(problems.isEmpty(), problems.toString());
  }

  private static List<String> kinds(List<Consistency.Problem> problems) {
    return problems.stream().map(Consistency.Problem::kind).toList();
  }
}
