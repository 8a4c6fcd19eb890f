package dev.argus.core.scoring.reliability;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Decides whether a completion that was asked to be JSON is a JSON document.
 *
 * <p>A byte-order mark and surrounding white space are ignored. An answer that is exactly one
 * fenced block (three or more backticks, info string empty or {@code json}) is unwrapped; the
 * closing fence must be at least as long as the opening one, so a shorter fence inside a string
 * does not end the block. Anything else must start with {@code {} or {@code [}. Input that ends
 * inside the document is {@link Status#TRUNCATED}, told apart from {@link Status#MALFORMED}
 * syntax and trailing data.
 */
public final class JsonCheck {

  /** The outcome category. */
  public enum Status {
    VALID("valid"),
    TRUNCATED("truncated"),
    MALFORMED("malformed"),
    NOT_A_DOCUMENT("not a JSON document");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** Returns the category as written in evidence and explanations. */
    public String label() {
      return label;
    }
  }

  /**
   * The result of one check.
   *
   * @param status the category
   * @param fenced true when the document was wrapped in a code fence
   * @param value the parsed document when valid, else null
   * @param detail what went wrong, or empty
   */
  public record Result(Status status, boolean fenced, JsonNode value, String detail) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonCheck() {}

  /** Checks {@code completion}. */
  public static Result check(String completion) {
    String text = stripBom(completion).strip();
    boolean fenced = false;
    String unwrapped = unwrapFence(text);
    if (unwrapped != null) {
      text = unwrapped.strip();
      fenced = true;
    }
    if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
      return new Result(Status.NOT_A_DOCUMENT, fenced, null, "does not start with { or [");
    }
    return parse(text, fenced);
  }

  private static Result parse(String text, boolean fenced) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonNode value = MAPPER.readTree(parser);
      JsonToken next = parser.nextToken();
      if (next != null) {
        return new Result(Status.MALFORMED, fenced, null, "trailing data after the document");
      }
      return new Result(Status.VALID, fenced, value, "");
    } catch (JsonEOFException e) {
      return new Result(Status.TRUNCATED, fenced, null, "input ends inside the document");
    } catch (IOException e) {
      // Jackson reports some end-of-input cases (inside a string or a number) without the EOF type.
      String message = String.valueOf(e.getMessage());
      if (message.contains("end-of-input") || message.contains("end of input")) {
        return new Result(Status.TRUNCATED, fenced, null, "input ends inside the document");
      }
      return new Result(Status.MALFORMED, fenced, null, firstLine(message));
    }
  }

  private static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  // Returns the body of an answer that is exactly one fenced block, else null.
  static String unwrapFence(String text) {
    int ticks = 0;
    while (ticks < text.length() && text.charAt(ticks) == '`') {
      ticks++;
    }
    if (ticks < 3) {
      return null;
    }
    int lineEnd = text.indexOf('\n', ticks);
    if (lineEnd < 0) {
      return null;
    }
    String info = text.substring(ticks, lineEnd).strip();
    if (!info.isEmpty() && !info.equalsIgnoreCase("json")) {
      return null;
    }
    int close = text.length();
    int closing = 0;
    while (close > lineEnd && text.charAt(close - 1) == '`') {
      close--;
      closing++;
    }
    if (closing < ticks || close <= lineEnd || text.charAt(close - 1) != '\n') {
      return null;
    }
    return text.substring(lineEnd + 1, close - 1);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
