package dev.argus.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  private static final String BL41_SECRET = "whsec_t4IKKLJbi/S2uvNpEcPYQL1jK9q/IKsbyUJkYyITF4E=";
  private static final String BL41_ID = "msg_bl41_0001";
  private static final long BL41_TIMESTAMP = 1767225600L;

  @Test
  void BL41_utf8Body_signatureIsExpectedValue() throws IOException {
    byte[] body = resource("fixtures/edge-cases/BL-41.body-utf8.json");

    String signature = WebhookSigner.fromSecret(BL41_SECRET).sign(BL41_ID, BL41_TIMESTAMP, body);

    assertEquals(293, body.length);
    assertEquals("v1,c2LzgkLsH9BaRDJyepTW7QGJa6lfd2zVDamIN2DVM2k=", signature);
  }

  @Test
  void BL41_asciiEscapedBody_signatureIsExpectedValue() throws IOException {
    byte[] body = resource("fixtures/edge-cases/BL-41.body-ascii.json");

    String signature = WebhookSigner.fromSecret(BL41_SECRET).sign(BL41_ID, BL41_TIMESTAMP, body);

    assertEquals(327, body.length);
    assertEquals("v1,fwWCmLt5HJ/Z7HaQgGBex7rkILSKaR/2pKTbNjFu7lg=", signature);
  }

  @Test
  void BL41_bothBodies_verifyWithIndependentImplementation() throws Exception {
    WebhookSigner signer = WebhookSigner.fromSecret(BL41_SECRET);
    SpecVerifier verifier = new SpecVerifier(BL41_SECRET);

    for (String name : new String[] {"BL-41.body-utf8.json", "BL-41.body-ascii.json"}) {
      byte[] body = resource("fixtures/edge-cases/" + name);
      String signature = signer.sign(BL41_ID, BL41_TIMESTAMP, body);
      assertTrue(verifier.verify(BL41_ID, "1767225600", body, signature, BL41_TIMESTAMP), name);
    }
  }

  @Test
  void sign_specReferenceVector() {
    WebhookSigner signer = WebhookSigner.fromSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    assertEquals(
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body));
  }

  @Test
  void verify_acceptsOwnSignatureAmongOthers_andRejectsChangedBody() {
    WebhookSigner signer = WebhookSigner.fromSecret(BL41_SECRET);
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String signature = signer.sign("msg_1", 1L, body);

    assertTrue(signer.verify("msg_1", 1L, body, "v1,bm90IGl0 " + signature));
    assertFalse(
        signer.verify("msg_1", 1L, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature));
    assertFalse(signer.verify("msg_2", 1L, body, signature));
    assertFalse(signer.verify("msg_1", 1L, body, null));
  }

  @Test
  void fromSecret_malformed_failsWithoutEchoingTheSecret() {
    IllegalArgumentException noPrefix =
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.fromSecret("abc"));
    IllegalArgumentException shortKey =
        assertThrows(
            IllegalArgumentException.class, () -> WebhookSigner.fromSecret("whsec_c2hvcnQ="));
    IllegalArgumentException notBase64 =
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.fromSecret("whsec_%%%"));

    assertEquals("secret must start with whsec_", noPrefix.getMessage());
    assertEquals("secret key is 5 bytes (expected: 24 to 64)", shortKey.getMessage());
    assertEquals("secret is not valid base64 after whsec_", notBase64.getMessage());
    assertEquals(
        "WebhookSigner{secret=[REDACTED]}", WebhookSigner.fromSecret(BL41_SECRET).toString());
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = WebhookSignerTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
