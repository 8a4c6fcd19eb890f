package dev.argus.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.core.scoring.Dimension;
import dev.argus.server.admin.AdminConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code extensions.admin}. The admin server is on only when the file lists it, as a
 * Collector extension is, so a configuration without it opens no port besides the receivers'.
 */
final class AdminSettings {
  static final String ENDPOINT = "extensions.admin.endpoint";
  static final String MAX_BODY = "extensions.admin.evaluate.max_request_body_size_kib";
  static final String BLOCK_ON = "extensions.admin.evaluate.block_on";

  private static final String COMPOSITE = "composite";
  private static final int MAX_BODY_KIB = 64 * 1024;

  private AdminSettings() {}

  /** Returns the admin settings, or null when {@code extensions.admin} is absent or invalid. */
  static AdminConfig read(JsonNode root, ConfigReader in) {
    if (!root.path("extensions").has("admin")) {
      return null;
    }
    String value = in.text(ENDPOINT, AdminConfig.DEFAULT_ENDPOINT);
    ConfigReader.HostPort endpoint = in.hostPort(ENDPOINT, value, value);
    int kib = in.integer(MAX_BODY, AdminConfig.DEFAULT_MAX_REQUEST_BODY_KIB, 1, MAX_BODY_KIB);
    List<String> names = in.stringList(BLOCK_ON);
    Set<Dimension> blockOn = EnumSet.noneOf(Dimension.class);
    boolean composite = false;
    if (names == null) {
      // Personal data reaching a user is the one failure every application wants stopped.
      blockOn.add(Dimension.SAFETY);
    } else {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (name.equals(COMPOSITE)) {
          composite = true;
          continue;
        }
        Dimension dimension = in.dimension(BLOCK_ON + "[" + i + "]", name, true);
        if (dimension != null) {
          blockOn.add(dimension);
        }
      }
    }
    if (endpoint == null) {
      return null;
    }
    return new AdminConfig(endpoint.host(), endpoint.port(), kib * 1024, blockOn, composite);
  }

  /** Returns {@code block_on} as it would be written, for the effective-config log line. */
  static String blockOnText(AdminConfig admin) {
    List<String> names = new ArrayList<>();
    admin.blockOn().stream().sorted().forEach(dimension -> names.add(dimension.key()));
    if (admin.blockOnComposite()) {
      names.add(COMPOSITE);
    }
    return names.toString();
  }
}
