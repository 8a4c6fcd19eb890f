package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

class LenientJsonTest {

  @Test
  void plainText_isNotJson() {
    assertEquals(LenientJson.Parsed.NOT_JSON, LenientJson.parse("hello [world]"));
  }

  @Test
  void doublyEncodedJson_isUnwrappedOnce() {
    LenientJson.Parsed parsed = LenientJson.parse("\"[{\\\"role\\\":\\\"user\\\"}]\"");

    assertTrue(parsed.node().isArray());
    assertEquals("user", parsed.node().get(0).get("role").asText());
  }

  @Test
  void cutDocument_isTruncatedNotInvalid() {
    LenientJson.Parsed parsed = LenientJson.parse("[{\"role\":\"user\",\"content\":\"Hel");

    assertNull(parsed.node());
    assertTrue(parsed.truncated());
  }

  @Test
  void malformedDocument_isInvalidNotTruncated() {
    LenientJson.Parsed parsed = LenientJson.parse("[{'role': 'user'}]");

    assertNull(parsed.node());
    assertFalse(parsed.truncated());
  }

  @Test
  void nestingBeyondCap_isRejectedWithoutThrowing() {
    String deep = "[".repeat(LenientJson.MAX_DEPTH + 10) + "]".repeat(LenientJson.MAX_DEPTH + 10);

    LenientJson.Parsed parsed = LenientJson.parse(deep);

    assertNull(parsed.node());
  }

  @Test
  void salvageArray_keepsCompleteElementsOnly() {
    ArrayNode salvaged = LenientJson.salvageArray("[{\"a\":1},{\"b\":[2,3]},{\"c\":\"cut her");

    assertEquals(2, salvaged.size());
    assertEquals(3, salvaged.get(1).get("b").get(1).asInt());
    assertNull(LenientJson.salvageArray("[{\"a\":"));
    assertNull(LenientJson.salvageArray("{\"a\":1"));
  }
}
