package dev.argus.server.webhook;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The payload schema from {@code deploy/schemas}, loaded from the test classpath. */
final class EventSchema {

  private static final Schema SCHEMA = load();

  private EventSchema() {}

  /** Returns the validation messages for {@code json}; empty when it is valid. */
  static List<String> validate(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static Schema load() {
    try {
      String text =
          new String(
              WebhookSignerTest.resource("schemas/correction-event.schema.json"),
              StandardCharsets.UTF_8);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
