package dev.argus.semconv.extract;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The UTF-8 bytes of a string attribute value, taken from the value itself. Asking a parsed value
 * for its bytes makes it keep them instead of its text (the generated code caches the conversion),
 * so the span is later forwarded by copying those bytes rather than by encoding the text a second
 * time; the bytes are read in place, never copied. Read only: the array belongs to the value.
 *
 * @param array the array holding the bytes
 * @param offset where they start in {@code array}
 * @param length how many there are
 */
record Utf8Bytes(byte[] array, int offset, int length) {

  /** Returns the UTF-8 form of the string held by {@code value}. */
  static Utf8Bytes of(AnyValue value) {
    ByteString bytes = value.getStringValueBytes();
    View view = new View();
    try {
      UnsafeByteOperations.unsafeWriteTo(bytes, view);
    } catch (IOException e) {
      // The view never throws; should it ever, a copy is as good.
      view.flat = false;
    }
    if (!view.flat || view.arrays != 1) {
      // Not one array (a concatenation, or empty): a copy then.
      return new Utf8Bytes(bytes.toByteArray(), 0, bytes.size());
    }
    return new Utf8Bytes(view.array, view.offset, view.length);
  }

  /** Catches the array that a flat byte string hands over. */
  private static final class View extends ByteOutput {
    byte[] array;
    int offset;
    int length;
    int arrays;
    boolean flat = true;

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
      arrays++;
      this.array = value;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public void write(byte value) {
      flat = false;
    }

    @Override
    public void write(byte[] value, int offset, int length) {
      flat = false;
    }

    @Override
    public void write(ByteBuffer value) {
      flat = false;
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      flat = false;
    }
  }
}
