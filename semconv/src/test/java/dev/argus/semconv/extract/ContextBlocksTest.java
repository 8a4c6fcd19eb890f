package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContextBlocksTest {

  @Test
  void headerToEnd_inSystemMessage() {
    String system = "Answer from the context.\n\nContext:\n[doc-1] One.\n[doc-2] Two.";

    assertEquals("[doc-1] One.\n[doc-2] Two.", ContextBlocks.find(system));
  }

  @Test
  void headerToQuestion_inUserMessage() {
    String user = "Context:\n[doc-1] One.\n\n[doc-2] Two.\n\nQuestion: Which one?";

    assertEquals("[doc-1] One.\n\n[doc-2] Two.", ContextBlocks.find(user));
  }

  @Test
  void markdownHeading() {
    assertEquals(
        "Passage one.", ContextBlocks.find("Rules.\n\n## Retrieved context\nPassage one."));
  }

  @Test
  void bareWordWithoutColonOrHeading_isNotAHeader() {
    assertNull(ContextBlocks.find("Use the\ncontext\nwisely"));
  }

  @Test
  void contextElement() {
    assertEquals("Passage.", ContextBlocks.find("Use this: <context>\nPassage.\n</context> ok"));
  }

  @Test
  void noBlock_isNull() {
    assertNull(ContextBlocks.find("Answer in context of the question: what is it?"));
    assertNull(ContextBlocks.find("Context:\n\n"));
    assertNull(ContextBlocks.find(null));
  }

  @Test
  void find_randomTexts_agreesWithPlainRegexSearch() {
    String[] pieces = {
      "Context:",
      "context",
      " ",
      "\t",
      "\n",
      "\r\n",
      "\r",
      "\u2028",
      "## ",
      "#",
      ":",
      "<",
      "<context>",
      "</context>",
      "<Documents>",
      "</documents>",
      "<sources>",
      "</SOURCES>",
      "Retrieved ",
      "knowledge base",
      "Question:",
      "\n\nQuery:",
      "text",
      "é",
      "x:y",
      "Passages",
      "\n\n",
      "\n \n\t",
      "Task:",
      "## Answer:",
      "USER request:",
      "user\tInstructions :",
      "Queries",
      "ANSWER",
      "[doc-1] "
    };
    Random random = new Random(20240601);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String input = text.toString();
      assertEquals(reference(input), ContextBlocks.find(input), input);
    }
  }

  /** The search as a single regular-expression pass over the whole text. */
  private static String reference(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String name =
        "(?:retrieved[ \\t]+)?(?:context|documents|passages|sources|knowledge(?:[ \\t]+base)?)";
    Pattern header =
        Pattern.compile(
            "(?im)^[ \\t]*(?:#{1,6}[ \\t]*" + name + "[ \\t]*:?|" + name + "[ \\t]*:)[ \\t]*$");
    Pattern nextSection =
        Pattern.compile(
            "(?im)\\n[ \\t]*\\n[ \\t]*(?:#{1,6}[ \\t]*)?"
                + "(?:user[ \\t]+)?(?:question|query|task|instructions?|answer|request)[ \\t]*:");
    Matcher element =
        Pattern.compile("(?is)<(context|documents|sources)>(.*?)</\\1>").matcher(text);
    if (element.find()) {
      String block = element.group(2).strip();
      return block.isEmpty() ? null : block;
    }
    Matcher found = header.matcher(text);
    if (!found.find()) {
      return null;
    }
    int start = found.end();
    Matcher next = nextSection.matcher(text);
    int end = next.find(start) ? next.start() : text.length();
    String block = text.substring(start, end).strip();
    return block.isEmpty() ? null : block;
  }
}
