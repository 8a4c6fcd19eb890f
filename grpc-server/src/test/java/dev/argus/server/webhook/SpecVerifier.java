package dev.argus.server.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second, independent verifier written from the Standard Webhooks specification text, sharing no
 * code with {@link WebhookSigner}: strip {@code whsec_}, base64-decode the key, HMAC-SHA256 over
 * {@code id.timestamp.payload}, then compare the decoded digest with each space-delimited {@code
 * v1,} signature; reject timestamps more than five minutes from now.
 */
final class SpecVerifier {

  private static final long TOLERANCE_SECONDS = 5 * 60;

  private final byte[] key;

  SpecVerifier(String secret) {
    String encoded = secret.substring(secret.indexOf('_') + 1);
    this.key = Base64.getDecoder().decode(encoded);
  }

  boolean verify(String id, String timestamp, byte[] payload, String signatures, long nowSeconds)
      throws Exception {
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
      return false;
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(id.getBytes(StandardCharsets.UTF_8));
    content.write('.');
    content.write(timestamp.getBytes(StandardCharsets.UTF_8));
    content.write('.');
    content.write(payload);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected = hmac.doFinal(content.toByteArray());
    for (String versioned : signatures.split(" ")) {
      int comma = versioned.indexOf(',');
      if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given = Base64.getDecoder().decode(versioned.substring(comma + 1));
      if (MessageDigest.isEqual(expected, given)) {
        return true;
      }
    }
    return false;
  }
}
