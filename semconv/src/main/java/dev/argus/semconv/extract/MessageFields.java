package dev.argus.semconv.extract;

/**
 * The JSON fields {@link MessageStream} reads, one bit each, and which of them each kind of object
 * reads. The tree reader keeps the last of repeated fields, which the fast path does not mimic: it
 * collects the bits of the fields met in an object and gives up on a repeat. Naming every field
 * once here turns each object's field loop into one repeat check and one plain dispatch.
 */
final class MessageFields {

  static final int ROLE = 1;
  static final int FINISH_REASON = 1 << 1;
  static final int TOOL_CALL_ID = 1 << 2;
  static final int ID = 1 << 3;
  static final int PARTS = 1 << 4;
  static final int CONTENT = 1 << 5;
  static final int TYPE = 1 << 6;
  static final int TEXT = 1 << 7;
  static final int MESSAGE = 1 << 8;
  static final int TOOL_CALLS = 1 << 9;
  static final int NAME = 1 << 10;
  static final int ARGUMENTS = 1 << 11;
  static final int RESPONSE = 1 << 12;
  static final int RESULT = 1 << 13;

  /** Fields read from a message object; a repeat of any other is passed over with it. */
  static final int OF_MESSAGE =
      ROLE | FINISH_REASON | TOOL_CALL_ID | ID | PARTS | CONTENT | MESSAGE | TOOL_CALLS;

  /** Fields read from a typed part; its "role" only decides whether the part is refused. */
  static final int OF_PART = TYPE | CONTENT | ID | NAME | ARGUMENTS | RESPONSE | RESULT;

  /** Fields read from an OpenAI-style content item; its "content" ends the fast path. */
  static final int OF_CONTENT_ITEM = TYPE | TEXT;

  // Names and bits in an open-addressed table at most a quarter full, probed by the hash the name
  // already carries: small enough for the JIT to inline into each field loop, which a string
  // switch over fourteen names is not.
  private static final int SLOTS = 64;
  private static final String[] NAMES = new String[SLOTS];
  private static final int[] BITS = new int[SLOTS];

  static {
    put("role", ROLE);
    put("finish_reason", FINISH_REASON);
    put("tool_call_id", TOOL_CALL_ID);
    put("id", ID);
    put("parts", PARTS);
    put("content", CONTENT);
    put("type", TYPE);
    put("text", TEXT);
    put("message", MESSAGE);
    put("tool_calls", TOOL_CALLS);
    put("name", NAME);
    put("arguments", ARGUMENTS);
    put("response", RESPONSE);
    put("result", RESULT);
  }

  private MessageFields() {}

  /** Returns the bit of the field named {@code name}, 0 for a field no object reads. */
  static int bit(String name) {
    for (int slot = name.hashCode() & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
      String known = NAMES[slot];
      if (known == null) {
        return 0;
      }
      if (known.equals(name)) {
        return BITS[slot];
      }
    }
  }

  private static void put(String name, int bit) {
    int slot = name.hashCode() & (SLOTS - 1);
    while (NAMES[slot] != null) {
      slot = (slot + 1) & (SLOTS - 1);
    }
    NAMES[slot] = name;
    BITS[slot] = bit;
  }
}
