package dev.argus.server.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites the protobuf encoding of a message so that every {@code string} field holds valid UTF-8:
 * each malformed byte sequence becomes U+FFFD, everything else is copied byte for byte.
 *
 * <p>protobuf-java refuses to parse a proto3 message with invalid UTF-8 in any string field, which
 * would cost every span of a batch for one bad byte. This walk uses the message descriptor to find
 * string fields (recursing into nested messages), so it needs no code per message type. Runs only
 * on the slow path, after a normal parse failed. Stateless.
 */
final class Utf8Repair {
  private static final int MAX_DEPTH = 64;

  private Utf8Repair() {}

  /** The number of repaired values, counted across one request. */
  static final class Count {
    private int repaired;

    int value() {
      return repaired;
    }
  }

  /**
   * Returns {@code bytes}, the encoding of a {@code type} message, with invalid UTF-8 in string
   * fields replaced.
   *
   * @throws IOException when {@code bytes} is not a well-formed protobuf encoding
   */
  static ByteString repair(ByteString bytes, Descriptor type, Count count) throws IOException {
    return repair(bytes, type, count, 0);
  }

  private static ByteString repair(ByteString bytes, Descriptor type, Count count, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("messages nested deeper than " + MAX_DEPTH);
    }
    CodedInputStream in = bytes.newCodedInput();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.size());
    CodedOutputStream out = CodedOutputStream.newInstance(buffer);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = WireFormat.getTagFieldNumber(tag);
      FieldDescriptor field = type.findFieldByNumber(number);
      if (field == null || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag, out);
        continue;
      }
      ByteString value = in.readBytes();
      if (field.getType() == FieldDescriptor.Type.STRING && !value.isValidUtf8()) {
        value = ByteString.copyFromUtf8(new String(value.toByteArray(), StandardCharsets.UTF_8));
        count.repaired++;
      } else if (field.getType() == FieldDescriptor.Type.MESSAGE) {
        value = repair(value, field.getMessageType(), count, depth + 1);
      }
      out.writeBytes(number, value);
    }
    out.flush();
    return ByteString.copyFrom(buffer.toByteArray());
  }
}
