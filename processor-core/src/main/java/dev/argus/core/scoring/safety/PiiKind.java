package dev.argus.core.scoring.safety;

/** The kinds of personal data the safety scorer looks for. */
public enum PiiKind {
  EMAIL("email"),
  PHONE("phone"),
  CREDIT_CARD("credit_card"),
  US_SSN("us_ssn"),
  IBAN("iban"),
  IP_ADDRESS("ip_address");

  private final String key;

  PiiKind(String key) {
    this.key = key;
  }

  /** Returns the snake_case name used in evidence. */
  public String key() {
    return key;
  }
}
