package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The schema is strict enough to catch a broken body, so passing it means something. */
class EventSchemaTest {

  @Test
  void validate_rejectsMissingPlanUnknownFieldAndBadDimension() {
    String missingPlan =
        "{\"type\":\"evaluation.failed\",\"event_id\":\"evt_"
            + "0123456789abcdef0123456789abcdef\",\"created_at\":\"2026-03-01T10:00:00Z\",\"data\":"
            + "{\"trace_id\":\"\",\"span_id\":\"\",\"service\":null,\"model\":null,\"provider\":null,"
            + "\"response_id\":null,\"conversation_id\":null,\"correction_attempt\":0,"
            + "\"max_attempts\":2,\"verdict\":\"fail\",\"severity\":\"low\",\"scores\":{},"
            + "\"failed_dimensions\":[{\"dimension\":\"honesty\",\"score\":0.1,\"threshold\":0.5,"
            + "\"explanation\":\"\",\"evidence\":{}}],\"surprise\":1}}";

    String errors = String.join("\n", EventSchema.validate(missingPlan));

    assertFalse(errors.isEmpty());
    assertEquals(true, errors.contains("correction_plan"), errors);
    assertEquals(true, errors.contains("surprise"), errors);
    assertEquals(true, errors.contains("dimension"), errors);
  }
}
