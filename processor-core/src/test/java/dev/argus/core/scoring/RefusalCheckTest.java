package dev.argus.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.argus.core.scoring.text.Refusals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remembered refusal check answers as the plain one, whatever the order of the texts. */
class RefusalCheckTest {

  @Test
  void isRefusal_agreesWithRefusals_acrossChangingTexts() {
    String refusal = "I'm sorry, I can't help with that.";
    String answer = "Refunds are accepted within 30 days.";
    // An equal text in another instance must not be mistaken for a different one, nor the reverse.
    String refusalCopy = new String(refusal);
    List<String> texts = List.of(refusal, refusal, answer, refusalCopy, answer, answer, refusal);

    for (String text : texts) {
      assertEquals(Refusals.isRefusal(text), RefusalCheck.isRefusal(text), text);
    }
    assertEquals(true, RefusalCheck.isRefusal(refusalCopy));
    assertEquals(false, RefusalCheck.isRefusal(answer));
  }
}
