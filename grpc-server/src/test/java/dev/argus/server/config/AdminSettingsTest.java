package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.argus.core.scoring.Dimension;
import dev.argus.server.admin.AdminConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code extensions.admin} keys; their invalid values are cases under {@code invalid/}. */
class AdminSettingsTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of("ADMIN_HOST", "0.0.0.0")::get);

  @Test
  void defaults_adminServerIsOff() {
    assertNull(loader.defaults().admin());
  }

  @Test
  void listedWithoutSettings_loopbackDefaultsBlockingOnSafety() {
    AdminConfig admin = loader.parse("extensions:\n  admin:\n", "test").admin();

    assertEquals("localhost", admin.host());
    assertEquals(13133, admin.port());
    assertEquals(AdminConfig.DEFAULT_MAX_REQUEST_BODY_KIB * 1024, admin.maxRequestBodyBytes());
    assertEquals(Set.of(Dimension.SAFETY), admin.blockOn());
    assertFalse(admin.blockOnComposite());
  }

  @Test
  void everyKey_isRead() {
    String yaml =
        "extensions:\n"
            + "  admin:\n"
            + "    endpoint: \"${env:ADMIN_HOST}:9464\"\n"
            + "    evaluate:\n"
            + "      max_request_body_size_kib: 256\n"
            + "      block_on: [safety, groundedness, composite]\n";

    ArgusConfig config = loader.parse(yaml, "test");
    AdminConfig admin = config.admin();

    assertEquals("0.0.0.0", admin.host());
    assertEquals(9464, admin.port());
    assertEquals(256 * 1024, admin.maxRequestBodyBytes());
    assertEquals(Set.of(Dimension.SAFETY, Dimension.GROUNDEDNESS), admin.blockOn());
    assertTrue(admin.blockOnComposite());
    assertTrue(
        config
            .describe()
            .contains(
                " extensions.admin.endpoint=0.0.0.0:9464"
                    + " extensions.admin.evaluate.max_request_body_size_kib=256"
                    + " extensions.admin.evaluate.block_on=[groundedness, safety, composite]"),
        config.describe());
  }

  @Test
  void emptyBlockOn_neverBlocks() {
    AdminConfig admin =
        loader.parse("extensions: {admin: {evaluate: {block_on: []}}}", "test").admin();

    assertTrue(admin.blockOn().isEmpty());
    assertFalse(admin.blockOnComposite());
  }
}
