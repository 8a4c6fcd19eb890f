package dev.argus.server.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import com.google.protobuf.util.JsonFormat;
import dev.argus.server.otlp.JsonIds;
import dev.argus.server.otlp.JsonProblems;
import dev.argus.server.otlp.VerbatimNumbersJson;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decodes OTLP export requests (protobuf or OTLP/JSON) so that a malformed span or log record costs
 * only itself.
 *
 * <p>Every OTLP request has the same three-level shape: resource envelopes, scope envelopes, items
 * (spans or log records). The decoder reads each item on its own when the request as a whole does
 * not parse, validates the ids of every item, and drops envelopes left empty. What it does with bad
 * input:
 *
 * <ul>
 *   <li>invalid UTF-8 in a protobuf string, or a lone UTF-16 surrogate in a JSON string: replaced
 *       by U+FFFD and counted in {@link Decoded#repairedValues()}; the item is kept;
 *   <li>an item that does not parse, has an id that is not hex (JSON), or has an id of the wrong
 *       length, an all-zero trace or span id (spans and their links), or a value of the wrong type:
 *       the item is rejected and named in {@link Decoded#problems()}; the others are kept;
 *   <li>unknown JSON fields are ignored with all they hold (a {@code spanId} member inside one is
 *       no id), and so is an unknown enum name (the field reads as 0, for example {@code
 *       SPAN_KIND_UNSPECIFIED}); a repeated JSON member name keeps its last value; repeated
 *       attribute keys are passed on as they came;
 *   <li>a body that is not the claimed encoding at all, or whose resource or scope envelope does
 *       not parse: {@link InvalidRequestException}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <R> the request type
 */
public final class OtlpRequestDecoder<R extends Message> {
  /** Decoder of {@code ExportTraceServiceRequest}. */
  public static final OtlpRequestDecoder<ExportTraceServiceRequest> TRACES =
      new OtlpRequestDecoder<>(
          ExportTraceServiceRequest.getDefaultInstance(),
          Span.getDefaultInstance(),
          item -> ItemIds.spanProblem((Span) item),
          JsonIds::spanIdsToBase64);

  /** Decoder of {@code ExportLogsServiceRequest}. */
  public static final OtlpRequestDecoder<ExportLogsServiceRequest> LOGS =
      new OtlpRequestDecoder<>(
          ExportLogsServiceRequest.getDefaultInstance(),
          LogRecord.getDefaultInstance(),
          item -> ItemIds.logRecordProblem((LogRecord) item),
          JsonIds::logRecordIdsToBase64);

  // Writes trees back for protobuf's parser; numbers come out as the text they were read as.
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final int ITEM_LEVEL = 2;

  private final R prototype;
  private final Message itemPrototype;
  private final Function<Message, String> itemProblem;
  // Converts the hex ids of one JSON item; envelopes have no ids, so they are never looked for.
  private final Consumer<ObjectNode> itemIdsToBase64;
  // lists[level] is the repeated field of the level's message that holds the next level.
  private final FieldDescriptor[] lists = new FieldDescriptor[3];
  private final Descriptor[] types = new Descriptor[3];
  private final Message[] prototypes = new Message[3];

  private OtlpRequestDecoder(
      R prototype,
      Message itemPrototype,
      Function<Message, String> itemProblem,
      Consumer<ObjectNode> itemIdsToBase64) {
    this.prototype = prototype;
    this.itemPrototype = itemPrototype;
    this.itemProblem = itemProblem;
    this.itemIdsToBase64 = itemIdsToBase64;
    Message message = prototype;
    for (int level = 0; level <= ITEM_LEVEL; level++) {
      prototypes[level] = message;
      types[level] = message.getDescriptorForType();
      lists[level] = types[level].findFieldByNumber(level == 0 ? 1 : 2);
      message = message.newBuilderForType().newBuilderForField(lists[level]).build();
    }
  }

  /** Returns the name of the items, for messages: {@code span} or {@code log record}. */
  public String itemName() {
    return itemPrototype instanceof Span ? "span" : "log record";
  }

  /**
   * Decodes a protobuf body.
   *
   * @throws InvalidRequestException when the body is not a protobuf request of this type
   */
  public Decoded<R> decodeProtobuf(ByteString body) throws InvalidRequestException {
    return decodeProtobuf(body, (request, bytes) -> {});
  }

  /**
   * Decodes a protobuf body as {@link #decodeProtobuf(ByteString)} does, and hands the request with
   * {@code body} to {@code exact} when the request is exactly what the body encodes: it parsed as a
   * whole, and no item was dropped or repaired.
   *
   * @throws InvalidRequestException when the body is not a protobuf request of this type
   */
  @SuppressWarnings("unchecked")
  public Decoded<R> decodeProtobuf(ByteString body, BiConsumer<? super R, ByteString> exact)
      throws InvalidRequestException {
    Result result = new Result();
    Message request;
    boolean checked = false;
    try {
      request = prototype.getParserForType().parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      checked = true;
      // Slow path: one bad span must not take its batch-mates with it.
      try {
        request = lenientLevel(body, 0, "", result);
      } catch (IOException | RuntimeException broken) {
        throw new InvalidRequestException(
            "body is not a valid protobuf " + types[0].getName() + ": " + broken.getMessage(),
            broken);
      }
    }
    Message validated = validate(request, result, checked);
    if (!checked && validated == request) {
      exact.accept((R) request, body);
    }
    return result.finish((R) validated);
  }

  /**
   * Decodes an OTLP/JSON body; a zero-length body is an empty request.
   *
   * @throws InvalidRequestException when the body is not a JSON object or an envelope is broken
   */
  @SuppressWarnings("unchecked")
  public Decoded<R> decodeJson(byte[] body) throws InvalidRequestException {
    Result result = new Result();
    if (body.length == 0) {
      return result.finish(prototype);
    }
    JsonNode root;
    try {
      // Invalid UTF-8 in the body becomes U+FFFD rather than failing the whole document.
      root =
          UnsafeByteOperations.unsafeWrap(body).isValidUtf8()
              ? VerbatimNumbersJson.read(body)
              : VerbatimNumbersJson.read(new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      String reason =
          e instanceof JsonProcessingException json
              ? JsonProblems.describe(json, VerbatimNumbersJson.LIMITS)
              : e.getMessage();
      throw new InvalidRequestException("body is not valid JSON: " + reason, e);
    }
    if (!(root instanceof ObjectNode object)) {
      throw new InvalidRequestException("body is not a JSON object");
    }
    Message request = jsonLevel(object, 0, "", result);
    return result.finish((R) validate(request, result, true));
  }

  // ---- protobuf, slow path ------------------------------------------------------------------

  private Message lenientLevel(ByteString bytes, int level, String path, Result result)
      throws IOException {
    FieldDescriptor list = lists[level];
    CodedInputStream in = bytes.newCodedInput();
    ByteString.Output rest = ByteString.newOutput();
    CodedOutputStream restOut = CodedOutputStream.newInstance(rest);
    List<Message> children = new ArrayList<>();
    int index = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      boolean child =
          WireFormat.getTagFieldNumber(tag) == list.getNumber()
              && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      if (!child) {
        in.skipField(tag, restOut);
        continue;
      }
      ByteString childBytes = in.readBytes();
      String childPath = childPath(path, list, index++);
      Message parsed =
          level < ITEM_LEVEL
              ? lenientLevel(childBytes, level + 1, childPath, result)
              : lenientItem(childBytes, childPath, result);
      if (parsed != null) {
        children.add(parsed);
      }
    }
    restOut.flush();
    Message.Builder builder = prototypeOf(level).newBuilderForType();
    Utf8Repair.Count count = new Utf8Repair.Count();
    builder.mergeFrom(Utf8Repair.repair(rest.toByteString(), types[level], count));
    result.repaired += count.value();
    for (Message child : children) {
      builder.addRepeatedField(list, child);
    }
    return builder.build();
  }

  private Message lenientItem(ByteString bytes, String path, Result result) {
    Message item;
    try {
      item = itemPrototype.getParserForType().parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      // Most often invalid UTF-8 in one string; repair it and keep the item.
      try {
        Utf8Repair.Count count = new Utf8Repair.Count();
        ByteString repaired = Utf8Repair.repair(bytes, itemPrototype.getDescriptorForType(), count);
        item = itemPrototype.getParserForType().parseFrom(repaired);
        result.repaired += count.value();
      } catch (IOException broken) {
        result.reject(path, "not a valid " + itemName() + ": " + broken.getMessage());
        return null;
      }
    }
    return accept(item, path, result);
  }

  /** Returns {@code item} when its ids are valid; otherwise rejects it and returns null. */
  private Message accept(Message item, String path, Result result) {
    String problem = itemProblem.apply(item);
    if (problem != null) {
      result.reject(path, problem);
      return null;
    }
    return item;
  }

  // ---- JSON ---------------------------------------------------------------------------------

  private Message jsonLevel(ObjectNode node, int level, String path, Result result)
      throws InvalidRequestException {
    FieldDescriptor list = lists[level];
    JsonNode children = node.remove(list.getJsonName());
    JsonNode protoNamed = node.remove(list.getName());
    if (children == null || children.isNull()) {
      children = protoNamed;
    }
    Message.Builder builder = prototypeOf(level).newBuilderForType();
    try {
      result.repaired += JsonStrings.repair(node);
      PARSER.merge(MAPPER.writeValueAsString(node), builder);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidRequestException(
          (path.isEmpty() ? "request" : path) + " is not valid OTLP/JSON: " + e.getMessage(), e);
    }
    if (children == null || children.isNull()) {
      return builder.build();
    }
    if (!children.isArray()) {
      throw new InvalidRequestException(
          path + (path.isEmpty() ? "" : ".") + list.getJsonName() + " is not an array");
    }
    for (int i = 0; i < children.size(); i++) {
      String childPath = childPath(path, list, i);
      JsonNode child = children.get(i);
      Message parsed;
      if (level < ITEM_LEVEL) {
        if (!(child instanceof ObjectNode object)) {
          throw new InvalidRequestException(childPath + " is not a JSON object");
        }
        parsed = jsonLevel(object, level + 1, childPath, result);
      } else {
        parsed = jsonItem(child, childPath, result);
      }
      if (parsed != null) {
        builder.addRepeatedField(list, parsed);
      }
    }
    return builder.build();
  }

  private Message jsonItem(JsonNode node, String path, Result result) {
    if (!(node instanceof ObjectNode object)) {
      result.reject(path, "not a JSON object");
      return null;
    }
    Message.Builder builder = itemPrototype.newBuilderForType();
    try {
      int repaired = JsonStrings.repair(object);
      itemIdsToBase64.accept(object);
      PARSER.merge(MAPPER.writeValueAsString(object), builder);
      result.repaired += repaired;
      return accept(builder.build(), path, result);
    } catch (IOException | IllegalArgumentException e) {
      result.reject(path, e.getMessage());
      return null;
    }
  }

  // ---- validation ---------------------------------------------------------------------------

  /**
   * Rejects items with bad ids (unless {@code checked}: already done while parsing, where the
   * original positions were known) and drops empty envelopes; returns the same instance if clean.
   */
  private Message validate(Message request, Result result, boolean checked) {
    if (isClean(request, 0, checked)) {
      result.accepted += countItems(request, 0);
      return request;
    }
    return rebuild(request, 0, "", result, checked);
  }

  private boolean isClean(Message message, int level, boolean checked) {
    int count = message.getRepeatedFieldCount(lists[level]);
    if (level > 0 && count == 0) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      Message child = (Message) message.getRepeatedField(lists[level], i);
      boolean clean =
          level < ITEM_LEVEL
              ? isClean(child, level + 1, checked)
              : checked || itemProblem.apply(child) == null;
      if (!clean) {
        return false;
      }
    }
    return true;
  }

  private int countItems(Message message, int level) {
    int count = message.getRepeatedFieldCount(lists[level]);
    if (level == ITEM_LEVEL) {
      return count;
    }
    int items = 0;
    for (int i = 0; i < count; i++) {
      items += countItems((Message) message.getRepeatedField(lists[level], i), level + 1);
    }
    return items;
  }

  private Message rebuild(Message message, int level, String path, Result result, boolean checked) {
    FieldDescriptor list = lists[level];
    Message.Builder builder = message.toBuilder().clearField(list);
    int count = message.getRepeatedFieldCount(list);
    for (int i = 0; i < count; i++) {
      Message child = (Message) message.getRepeatedField(list, i);
      String childPath = childPath(path, list, i);
      if (level < ITEM_LEVEL) {
        Message rebuilt = rebuild(child, level + 1, childPath, result, checked);
        if (rebuilt.getRepeatedFieldCount(lists[level + 1]) > 0) {
          builder.addRepeatedField(list, rebuilt);
        }
        continue;
      }
      String problem = checked ? null : itemProblem.apply(child);
      if (problem == null) {
        builder.addRepeatedField(list, child);
        result.accepted++;
      } else {
        result.reject(childPath, problem);
      }
    }
    return builder.build();
  }

  private Message prototypeOf(int level) {
    return prototypes[level];
  }

  private static String childPath(String path, FieldDescriptor list, int index) {
    return path + (path.isEmpty() ? "" : ".") + list.getJsonName() + "[" + index + "]";
  }

  /** What decoding one request found. */
  private final class Result {
    private int accepted;
    private int rejected;
    private int repaired;
    private final List<String> problems = new ArrayList<>();

    void reject(String path, String problem) {
      rejected++;
      if (problems.size() < Decoded.MAX_PROBLEMS) {
        problems.add(itemName() + " " + path + ": " + problem);
      }
    }

    Decoded<R> finish(R request) {
      return new Decoded<>(request, accepted, rejected, problems, repaired);
    }
  }
}
