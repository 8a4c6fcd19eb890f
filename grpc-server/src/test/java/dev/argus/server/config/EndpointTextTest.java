package dev.argus.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1:4317 | 127.0.0.1:4317",
        "http://127.0.0.1:8089/hook | http://127.0.0.1:8089/hook",
        "http://u:p@127.0.0.1:8089/hook | http://[REDACTED]@127.0.0.1:8089/hook",
        "u:p@collector:4317 | [REDACTED]@collector:4317",
        "https://h/hook?token=abc&x=1 | https://h/hook?[REDACTED]",
        "https://h/hook?token=abc#part | https://h/hook?[REDACTED]#part",
        "https://a@b:p@h:1/x?t=@ | https://[REDACTED]@h:1/x?[REDACTED]",
        "https://h/path@with-at | https://h/path@with-at"
      })
  void safe_hidesUserInformationAndQuery(String endpoint, String shown) {
    assertEquals(shown, EndpointText.safe(endpoint));
  }

  @ParameterizedTest
  @CsvSource({"http://u:p@h:1, true", "u@h:1, true", "http://h:1/a@b, false", "h:1?x=@, false"})
  void hasUserInfo_looksOnlyBeforeThePath(String endpoint, boolean expected) {
    assertEquals(expected, EndpointText.hasUserInfo(endpoint));
  }

  @ParameterizedTest
  @CsvSource({"http://h:1", "h:1"})
  void hasUserInfo_isFalseWithoutAnAt(String endpoint) {
    assertFalse(EndpointText.hasUserInfo(endpoint));
    assertEquals(endpoint, EndpointText.safe(endpoint));
  }
}
