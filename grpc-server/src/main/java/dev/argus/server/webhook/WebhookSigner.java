package dev.argus.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries per the Standard Webhooks specification: the signed content is {@code
 * <webhook-id>.<webhook-timestamp>.<body bytes>}, the signature is {@code v1,} followed by the
 * base64 HMAC-SHA256 of it, keyed with the base64-decoded part of a {@code whsec_} secret.
 *
 * <p>The body is signed as the exact bytes sent; nothing is re-encoded. Thread-safe.
 */
public final class WebhookSigner {

  /** Prefix of every secret. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 24;
  private static final int MAX_KEY_BYTES = 64;

  private final SecretKeySpec key;

  private WebhookSigner(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * Returns a signer for a {@code whsec_<base64>} secret whose key is 24 to 64 bytes long.
   *
   * @throws IllegalArgumentException when the secret is malformed; the message never contains it
   */
  public static WebhookSigner fromSecret(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("secret must start with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret is not valid base64 after " + SECRET_PREFIX);
    }
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "secret key is " + key.length + " bytes (expected: 24 to 64)");
    }
    return new WebhookSigner(key);
  }

  /** Returns the {@code webhook-signature} header value for one delivery attempt. */
  public String sign(String webhookId, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(body, "body");
    Mac mac = newMac();
    mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
    mac.update(body);
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
  }

  /**
   * Returns true when one of the space-separated {@code v1,} signatures in {@code header} matches
   * the content; compares in constant time.
   */
  public boolean verify(String webhookId, long timestampSeconds, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    byte[] expected = sign(webhookId, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (String candidate : header.trim().split(" +")) {
      matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
    return matched;
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime ships HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSigner{secret=[REDACTED]}";
  }
}
