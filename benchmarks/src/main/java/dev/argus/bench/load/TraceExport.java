package dev.argus.bench.load;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OTLP {@code TraceService/Export} (and {@code LogsService/Export}) methods with raw-bytes
 * marshalling, so the load driver sends pre-encoded requests and the sink counts spans without
 * building messages: both stay cheap and leave the machine's CPU to the process under test.
 */
final class TraceExport {
  /** {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} on raw bytes. */
  static final MethodDescriptor<byte[], byte[]> METHOD =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(TraceServiceGrpc.getExportMethod().getFullMethodName())
          .setRequestMarshaller(BytesMarshaller.INSTANCE)
          .setResponseMarshaller(BytesMarshaller.INSTANCE)
          .build();

  /**
   * {@code opentelemetry.proto.collector.logs.v1.LogsService/Export} on raw bytes: ARGUS sends its
   * {@code gen_ai.evaluation.result} log records to the same downstream, which must accept them as
   * a real collector would, or every request would pay for a failed call.
   */
  static final MethodDescriptor<byte[], byte[]> LOGS_METHOD =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(LogsServiceGrpc.getExportMethod().getFullMethodName())
          .setRequestMarshaller(BytesMarshaller.INSTANCE)
          .setResponseMarshaller(BytesMarshaller.INSTANCE)
          .build();

  /** An encoded empty export response (traces or logs): full success. */
  static final byte[] EMPTY_RESPONSE = new byte[0];

  private static final int RESOURCE_SPANS = 1;
  private static final int SCOPE_SPANS = 2;
  private static final int SPANS = 2;

  private TraceExport() {}

  /** Returns the number of spans in an encoded {@code ExportTraceServiceRequest}. */
  static int countSpans(byte[] request) throws IOException {
    int spans = 0;
    CodedInputStream in = CodedInputStream.newInstance(request);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (isLengthDelimited(tag, RESOURCE_SPANS)) {
        int limit = in.pushLimit(in.readRawVarint32());
        spans += countInResourceSpans(in);
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    return spans;
  }

  private static int countInResourceSpans(CodedInputStream in) throws IOException {
    int spans = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (isLengthDelimited(tag, SCOPE_SPANS)) {
        int limit = in.pushLimit(in.readRawVarint32());
        for (int inner = in.readTag(); inner != 0; inner = in.readTag()) {
          if (isLengthDelimited(inner, SPANS)) {
            spans++;
          }
          in.skipField(inner);
        }
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    return spans;
  }

  private static boolean isLengthDelimited(int tag, int field) {
    return WireFormat.getTagFieldNumber(tag) == field
        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** Marshals byte arrays as they are. */
  private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
