package dev.argus.core.scoring.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds personal data in text with detectors that each run in time linear in the text length: no
 * regular expression with nested repetition is involved, every scan either advances or stops after
 * a bounded window.
 *
 * <p>When findings overlap, the more specific kind wins (card, IBAN, SSN, e-mail, phone, IP), so a
 * value is reported once. Thread-safe.
 */
public final class PiiScanner {

  /** Regions whose national phone formats are recognised unless configured otherwise. */
  public static final List<String> DEFAULT_PHONE_REGIONS =
      List.of("US", "GB", "DE", "FR", "IN", "AU", "CA", "IE", "NL", "ES", "IT", "ZA");

  private static final List<PiiKind> PRIORITY =
      List.of(
          PiiKind.CREDIT_CARD,
          PiiKind.IBAN,
          PiiKind.US_SSN,
          PiiKind.EMAIL,
          PiiKind.PHONE,
          PiiKind.IP_ADDRESS);

  private final PhoneDetector phones;
  private final Set<PiiKind> enabled;

  /** Creates a scanner for every kind with the default phone regions. */
  public PiiScanner() {
    this(DEFAULT_PHONE_REGIONS, EnumSet.allOf(PiiKind.class));
  }

  /** Creates a scanner for {@code kinds}, reading national phone numbers of {@code regions}. */
  public PiiScanner(List<String> phoneRegions, Set<PiiKind> kinds) {
    this.phones = new PhoneDetector(phoneRegions);
    this.enabled = kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds);
  }

  /** Returns the findings in {@code text}, ordered by position, without overlaps. */
  public List<PiiFinding> scan(String text) {
    List<PiiFinding> found = new ArrayList<>();
    if (text.isEmpty()) {
      return found;
    }
    // One pass finds the digit runs every number detector starts from.
    DigitRuns runs = DigitRuns.of(text);
    if (enabled.contains(PiiKind.CREDIT_CARD)) {
      CardDetector.find(text, runs, found);
    }
    if (enabled.contains(PiiKind.IBAN)) {
      IbanDetector.find(text, runs, found);
    }
    if (enabled.contains(PiiKind.US_SSN)) {
      SsnDetector.find(text, runs, found);
    }
    if (enabled.contains(PiiKind.EMAIL) && text.indexOf('@') >= 0) {
      EmailDetector.find(text, found);
    }
    if (enabled.contains(PiiKind.PHONE)) {
      phones.find(text, runs, found);
    }
    if (enabled.contains(PiiKind.IP_ADDRESS)) {
      IpDetector.find(text, runs, found);
      Ipv6Detector.find(text, found);
    }
    return withoutOverlaps(found);
  }

  /** Returns {@code text} with every finding replaced by {@code [KIND]}. */
  public String redact(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (PiiFinding finding : scan(text)) {
      out.append(text, from, finding.start()).append('[').append(finding.kind().name());
      out.append(']');
      from = finding.end();
    }
    return out.append(text, from, text.length()).toString();
  }

  /** Returns true when the IP address found is private, loopback or link-local. */
  public static boolean isPrivateAddress(String address) {
    return IpDetector.isPrivate(address);
  }

  private static List<PiiFinding> withoutOverlaps(List<PiiFinding> found) {
    if (found.size() < 2) {
      return found;
    }
    found.sort(
        Comparator.comparingInt((PiiFinding f) -> PRIORITY.indexOf(f.kind()))
            .thenComparingInt(f -> f.start() - f.end()));
    List<PiiFinding> kept = new ArrayList<>(found.size());
    for (PiiFinding candidate : found) {
      boolean overlaps = false;
      for (PiiFinding other : kept) {
        if (candidate.start() < other.end() && other.start() < candidate.end()) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        kept.add(candidate);
      }
    }
    kept.sort(Comparator.comparingInt(PiiFinding::start));
    return kept;
  }
}
