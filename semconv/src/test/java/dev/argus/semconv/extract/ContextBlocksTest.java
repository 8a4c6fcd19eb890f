package dev.argus.semconv.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
