package dev.argus.core.scoring;

/** The overall outcome of evaluating one call. */
public enum Verdict {
  PASS("pass"),
  FAIL("fail"),
  /** Nothing could be scored: no content, or no dimension applied. */
  NOT_EVALUATED("not_evaluated");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** Returns the value written to {@code argus.verdict}. */
  public String label() {
    return label;
  }
}
