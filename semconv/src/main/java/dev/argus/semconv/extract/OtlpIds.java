package dev.argus.semconv.extract;

import com.google.protobuf.ByteString;

/** Renders OTLP trace and span ids as the lowercase hex used by OTLP/JSON. */
final class OtlpIds {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private OtlpIds() {}

  static String hex(ByteString id) {
    char[] out = new char[id.size() * 2];
    for (int i = 0; i < id.size(); i++) {
      int b = id.byteAt(i) & 0xff;
      out[2 * i] = DIGITS[b >>> 4];
      out[2 * i + 1] = DIGITS[b & 0x0f];
    }
    return new String(out);
  }
}
