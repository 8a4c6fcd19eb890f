package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.testing.OtlpFixtures;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streamed fast path must read exactly what the tree reader reads, or give up: every check here
 * compares it with {@link LenientJson} plus {@link MessageReader} on the same text.
 */
class MessageStreamTest {

  private static final String CHAT =
      "[{\"role\":\"system\",\"content\":\"Be brief.\"},"
          + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi \\u00e9\\n\"},"
          + "{\"type\":\"text\",\"content\":\"second\"}]},"
          + "{\"parts\":[{\"type\":\"reasoning\",\"content\":\"think\"},"
          + "{\"type\":\"text\",\"content\":\"Hello\"}],\"role\":\"assistant\","
          + "\"finish_reason\":\"stop\",\"index\":0,\"score\":0.5,\"ok\":true,\"x\":null},"
          + "{\"role\":\"tool\",\"id\":\"call_1\",\"content\":\"42\"},"
          + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"item\"},\"bare\"]},"
          + "\"plain string\"]";

  private static final String CHOICE =
      "{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"content\":\"Paris.\","
          + "\"finish_reason\":\"length\"}}";

  private static final String ROLE_BESIDE_MESSAGE =
      "{\"role\":\"outer\",\"message\":{\"role\":\"inner\",\"content\":\"[REDACTED]\"}}";

  private static final String TOOLS =
      "[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
          + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
          + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C\"},"
          + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"c2\","
          + "\"name\":\"lookup\",\"arguments\":{\"q\":\"x\",\"n\":1.50,\"deep\":[1,{\"a\":null}]}},"
          + "{\"type\":\"text\",\"content\":\"ok\"}]},"
          + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c2\","
          + "\"response\":{\"rows\":[1,2]}}]},"
          + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":7,"
          + "\"response\":null,\"result\":\"unused\"}]}]";

  @Test
  void toolCallsAndResponses_areReadAsTheTreeReadsThem() {
    MessageReader streamed = MessageStream.read(TOOLS, "user", false);

    assertSame(tree(TOOLS, "user", false), streamed);
    assertEquals("{\"city\":\"Paris\"}", streamed.messages().get(0).toolCalls().get(0).arguments());
    assertEquals("call_1", streamed.messages().get(1).toolCallId());
    assertEquals(
        "{\"q\":\"x\",\"n\":1.5,\"deep\":[1,{\"a\":null}]}",
        streamed.messages().get(2).toolCalls().get(0).arguments());
    assertEquals("{\"rows\":[1,2]}", streamed.messages().get(3).text());
    assertEquals("7", streamed.messages().get(4).toolCallId());
    assertEquals("", streamed.messages().get(4).text());
  }

  @Test
  void commonShapes_areReadAsTheTreeReadsThem() {
    MessageReader streamed = MessageStream.read(CHAT, "user", false);

    assertNotNull(streamed);
    assertSame(tree(CHAT, "user", false), streamed);
    assertEquals(6, streamed.messages().size());
    assertEquals("Hi é\n\nsecond", streamed.messages().get(1).text());
    assertEquals("think", streamed.messages().get(2).reasoning());
    assertEquals("call_1", streamed.messages().get(3).toolCallId());
    assertEquals(List.of("stop"), streamed.finishReasons());
  }

  @Test
  void systemPartsArray_isOneSystemMessage() {
    String parts = "[{\"type\":\"text\",\"content\":\"Rules.\"},\"Context:\\nfacts\"]";

    MessageReader streamed = MessageStream.read(parts, "system", true);

    assertSame(tree(parts, "system", true), streamed);
    assertEquals(1, streamed.messages().size());
    assertEquals("system", streamed.messages().get(0).role());
    assertEquals("Rules.\nContext:\nfacts", streamed.messages().get(0).text());
    assertNull(MessageStream.read("[{\"role\":\"system\",\"content\":\"x\"}]", "system", true));
    assertSame(tree("[]", "system", true), MessageStream.read("[]", "system", true));
  }

  @Test
  void placeholder_marksRedactedAsTheTreeDoes() {
    String redacted =
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"[REDACTED]\"}]}]";

    MessageReader streamed = MessageStream.read(redacted, "user", false);

    assertTrue(streamed.redacted());
    assertSame(tree(redacted, "user", false), streamed);
  }

  @Test
  void unicodeEscapes_decodeAsInTheTree() {
    String text =
        "[{\"role\":\"user\",\"content\":\"\\ud83d\\ude00 caf\\u00e9 \\u4e2d \\ud83d x\"}]";

    MessageReader streamed = MessageStream.read(text, "user", false);

    assertSame(tree(text, "user", false), streamed);
    // The escaped lone surrogate is made well-formed as the tree path makes it.
    assertEquals("\ud83d\ude00 café 中 \ufffd x", streamed.messages().get(0).text());
  }

  @Test
  void rawNonAsciiText_isReadAndUnpairedSurrogatesAreLeftToTheTree() {
    String text = "[{\"role\":\"user\",\"content\":\"Zürich 東京 \ud83d\ude00\"}]";
    String cut = "[{\"role\":\"user\",\"content\":\"half \ud83d\"}]";

    assertSame(tree(text, "user", false), MessageStream.read(text, "user", false));
    // Encoding would turn the lone surrogate into '?'; the tree path keeps U+FFFD instead.
    assertNull(MessageStream.read(cut, "user", false));
  }

  @Test
  void stringValues_areReadFromTheirBytesWhateverFormTheValueHolds() {
    String text =
        "[{\"role\":\"user\",\"content\":\"" + "Zürich 東京 \ud83d\ude00 ".repeat(20) + "\"}]";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    // As parsed from the wire, the value holds bytes; a long concatenation is not one array.
    AnyValue received =
        AnyValue.newBuilder().setStringValueBytes(ByteString.copyFrom(utf8)).build();
    AnyValue pieces =
        AnyValue.newBuilder()
            .setStringValueBytes(
                ByteString.copyFrom(utf8, 0, 200)
                    .concat(ByteString.copyFrom(utf8, 200, utf8.length - 200)))
            .build();
    AnyValue built = string(text);

    for (AnyValue value : List.of(received, pieces, built)) {
      assertSame(tree(text, "user", false), MessageStream.read(value, "user", false));
      // Reading leaves the value as it was.
      assertEquals(text, value.getStringValue());
      assertEquals(ByteString.copyFrom(utf8), value.getStringValueBytes());
    }
    // Encoding would turn the lone surrogate into '?'; the tree path keeps U+FFFD instead.
    assertNull(
        MessageStream.read(
            string("[{\"role\":\"user\",\"content\":\"half \ud83d\"}]"), "user", false));
  }

  @Test
  void oneMessage_isAddedToTheGivenReaderAsTheTreeAddsIt() {
    String event = "{\"role\":\"user\",\"content\":\"What is 2+2?\",\"finish_reason\":\"x\"}";
    MessageReader streamed = new MessageReader().readAll(LenientJson.parse(CHAT).node(), "user");
    MessageReader tree = new MessageReader().readAll(LenientJson.parse(CHAT).node(), "user");

    assertTrue(MessageStream.readOne(string(event), "user", streamed));
    tree.read(LenientJson.parse(event).node(), "user");

    assertSame(tree, streamed);
    assertFalse(MessageStream.readOne(string("[" + event + "]"), "user", streamed));
    assertFalse(MessageStream.readOne(string("What is 2+2?"), "user", streamed));
    assertSame(tree, streamed);
  }

  @Test
  void choiceBodies_readTheInnerMessageAsTheTreeDoes() {
    MessageReader streamed = new MessageReader();
    MessageReader tree = new MessageReader();

    for (String choice : List.of(CHOICE, ROLE_BESIDE_MESSAGE, "{\"message\":\"text\"}")) {
      assertTrue(MessageStream.readOne(string(choice), "assistant", streamed), choice);
      tree.read(LenientJson.parse(choice).node(), "assistant");
    }

    assertSame(tree, streamed);
    assertEquals(List.of("stop", "length"), streamed.finishReasons());
    assertEquals("Paris.", streamed.messages().get(0).text());
    assertEquals("outer", streamed.messages().get(1).role());
  }

  @Test
  void malformedOrCutJson_isLeftToTheTreeReader() {
    assertNull(MessageStream.read("[{\"role\":\"user\",\"content\":\"Hel", "user", false));
    assertNull(MessageStream.read("[{'role': 'user'}]", "user", false));
    assertNull(MessageStream.read("[{\"role\":\"user\",}]", "user", false));
    assertNull(MessageStream.read("[{\"role\":\"user\",\"content\":\"a\\x\"}]", "user", false));
    assertNull(
        MessageStream.read("[{\"role\":\"user\",\"content\":\"tab\there\"}]", "user", false));
    assertNull(MessageStream.read("[\0{}]", "user", false));
    assertNull(MessageStream.read("plain text", "user", false));
    assertNull(MessageStream.read("\"[{\\\"role\\\":\\\"user\\\"}]\"", "user", false));
  }

  @Test
  void shapesOutsideTheFastPath_areLeftToTheTreeReader() {
    assertNull(MessageStream.read("[{\"role\":\"a\",\"role\":\"b\"}]", "user", false));
    assertNull(
        MessageStream.read(
            "[{\"message\":{\"role\":\"assistant\"},\"content\":\"[hidden]\"}]", "user", false));
    assertNull(
        MessageStream.read(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"blob\",\"content\":\"AA\"}]}]",
            "user",
            false));
    assertNull(MessageStream.read("[{\"role\":\"user\",\"content\":{\"a\":1}}]", "user", false));
    assertNull(MessageStream.read("[{\"role\":\"user\",\"meta\":[1]}]", "user", false));
    assertNull(MessageStream.read("[1, {\"role\":\"user\"}]", "user", false));
  }

  @Test
  void nestingBeyondTheLimit_isRefusedLikeTheTree() {
    int depth = LenientJson.MAX_DEPTH + 5;
    String deep =
        "[{\"role\":\"user\",\"content\":\"x\",\"meta\":"
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}]";

    assertNull(MessageStream.read(deep, "user", false));
    assertNull(LenientJson.parse(deep).node());
  }

  @Test
  void hugeStrings_areReadWhole() {
    String big = "lorem ipsum \\n dolor ".repeat(100_000);
    String text =
        "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + big + "\"}]}]";

    MessageReader streamed = MessageStream.read(text, "user", false);

    assertNotNull(streamed);
    assertSame(tree(text, "user", false), streamed);
    assertEquals(big.length() - 100_000, streamed.messages().get(0).text().length());
  }

  @Test
  void everyPrefixOfAChat_isReadAsTheTreeOrLeftToIt() {
    for (int end = 0; end <= CHAT.length(); end++) {
      agreeOrGiveUp(CHAT.substring(0, end), "user", false);
    }
  }

  @Test
  void randomMutations_areReadAsTheTreeOrLeftToIt() {
    Random random = new Random(7);
    String alphabet = "[]{}\",:\\ u0aZ\n\t1.-enrtfl";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      String seed =
          switch (i % 3) {
            case 0 -> "[" + CHOICE + "]";
            case 1 -> TOOLS;
            default -> CHAT;
          };
      StringBuilder text = new StringBuilder(seed);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, c);
          case 1 -> text.insert(at, c);
          default -> text.deleteCharAt(at);
        }
      }
      accepted += agreeOrGiveUp(text.toString(), "user", i % 2 == 0) ? 1 : 0;
    }
    // The check means something only if many mutants still take the fast path.
    assertTrue(accepted > 1_000, "fast path taken " + accepted + " times");
  }

  @Test
  void fixtureMessageValues_areReadAsTheTreeReadsThem() throws Exception {
    List<String> values = fixtureJsonStrings();
    int accepted = 0;
    for (String value : values) {
      for (boolean system : new boolean[] {false, true}) {
        accepted += agreeOrGiveUp(value, system ? "system" : "user", system) ? 1 : 0;
      }
    }
    assertTrue(values.size() > 20, "fixture values: " + values.size());
    assertTrue(accepted > 10, "fast path taken " + accepted + " times");
  }

  private static AnyValue string(String text) {
    return AnyValue.newBuilder().setStringValue(text).build();
  }

  /** Returns true when the fast path read {@code text}, after checking it agrees with the tree. */
  private static boolean agreeOrGiveUp(String text, String role, boolean system) {
    MessageReader streamed = MessageStream.read(text, role, system);
    if (streamed == null) {
      return false;
    }
    MessageReader tree = tree(text, role, system);
    assertNotNull(tree, "fast path read what the tree rejects: " + text);
    assertSame(tree, streamed);
    return true;
  }

  /** The reading of the general path, or null when it finds no complete JSON document. */
  private static MessageReader tree(String text, String role, boolean system) {
    LenientJson.Parsed parsed = LenientJson.parse(text);
    if (parsed.node() == null || parsed.truncated()) {
      return null;
    }
    JsonNode node = system ? SemconvExtractor.wrapParts(parsed.node()) : parsed.node();
    return new MessageReader().readAll(node, role);
  }

  private static void assertSame(MessageReader expected, MessageReader actual) {
    assertNotNull(expected);
    assertNotNull(actual);
    List<ChatMessage> want = expected.messages();
    assertEquals(want, actual.messages());
    assertEquals(expected.finishReasons(), actual.finishReasons());
    assertEquals(expected.redacted(), actual.redacted());
  }

  /** Every string attribute value in the fixtures that holds JSON. */
  private static List<String> fixtureJsonStrings() throws IOException, URISyntaxException {
    Path root = Path.of(MessageStreamTest.class.getResource("/fixtures").toURI());
    List<String> values = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        collect(OtlpFixtures.MAPPER.readTree(file.toFile()), values);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return values;
  }

  private static void collect(JsonNode node, List<String> values) {
    JsonNode string = node.get("stringValue");
    if (string != null && string.isTextual() && LenientJson.looksLikeJson(string.asText())) {
      values.add(string.asText());
    }
    node.forEach(child -> collect(child, values));
  }
}
