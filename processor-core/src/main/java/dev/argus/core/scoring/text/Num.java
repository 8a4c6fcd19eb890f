package dev.argus.core.scoring.text;

/** Fast fixed-point rendering of numbers for explanations (String.format is slow per call). */
public final class Num {

  private Num() {}

  /** Returns {@code value} with exactly {@code decimals} digits after the point (0 to 6). */
  public static String fixed(double value, int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long rounded = Math.round(Math.abs(value) * scale);
    StringBuilder out = new StringBuilder(12);
    if (value < 0 && rounded != 0) {
      out.append('-');
    }
    out.append(rounded / scale);
    if (decimals > 0) {
      String fraction = Long.toString(rounded % scale);
      out.append('.');
      for (int i = fraction.length(); i < decimals; i++) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out.toString();
  }
}
