package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReferencesTest {
  private static final Map<String, String> ENV = Map.of("HOST", "collector", "EMPTY", "");

  @Test
  void resolve_replacesSetVariablesAndFallbacks() {
    List<String> unset = new ArrayList<>();
    String resolved =
        EnvReferences.resolve("${env:HOST}:${env:PORT:-4317}/${env:EMPTY}", ENV::get, unset::add);
    assertEquals("collector:4317/", resolved);
    assertEquals(List.of(), unset);
  }

  @Test
  void resolve_reportsEachUnsetVariableWithoutFallback() {
    List<String> unset = new ArrayList<>();
    String resolved = EnvReferences.resolve("${env:A}-${env:HOST}-${env:B}", ENV::get, unset::add);
    assertEquals("-collector-", resolved);
    assertEquals(List.of("A", "B"), unset);
  }

  @Test
  void resolve_leavesDollarsInReplacementsAlone() {
    String resolved =
        EnvReferences.resolve("${env:SECRET}", Map.of("SECRET", "a$1\\b")::get, name -> {});
    assertEquals("a$1\\b", resolved);
  }

  @Test
  void withoutFallback_namesOnlyReferencesThatNeedTheEnvironment() {
    assertEquals(
        List.of("A", "C"),
        EnvReferences.withoutFallback("${env:A} ${env:B:-x} ${env:C} $HOME {env:D}"));
  }
}
