package dev.argus.core.correction;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PiiMasker} for the structured kinds of personal data: e-mail addresses, phone numbers
 * (libphonenumber), payment card numbers (Luhn-checked), IBANs and IPv4 addresses. Names of
 * persons are not detected; masked text keeps everything else byte for byte.
 */
public final class PatternPiiMasker implements PiiMasker {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b");
  private static final Pattern IBAN =
      Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)";
  private static final Pattern IPV4 =
      Pattern.compile("\\b(?:" + OCTET + "\\.){3}" + OCTET + "\\b");

  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /**
   * Creates a masker.
   *
   * @param defaultRegion ISO 3166 region used for phone numbers written without a country code,
   *     for example {@code US}
   */
  public PatternPiiMasker(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /** Returns a masker that reads national phone numbers as US numbers. */
  public static PatternPiiMasker withDefaults() {
    return new PatternPiiMasker("US");
  }

  @Override
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    List<Span> spans = new ArrayList<>();
    find(EMAIL, "[EMAIL]", text, spans);
    find(IBAN, "[IBAN]", text, spans);
    findCards(text, spans);
    find(IPV4, "[IP_ADDRESS]", text, spans);
    for (PhoneNumberMatch match : phones.findNumbers(text, defaultRegion)) {
      spans.add(new Span(match.start(), match.end(), "[PHONE]"));
    }
    return spans.isEmpty() ? text : replace(text, spans);
  }

  private static void find(Pattern pattern, String label, String text, List<Span> spans) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      spans.add(new Span(matcher.start(), matcher.end(), label));
    }
  }

  private static void findCards(String text, List<Span> spans) {
    Matcher matcher = CARD.matcher(text);
    while (matcher.find()) {
      if (luhnValid(matcher.group())) {
        spans.add(new Span(matcher.start(), matcher.end(), "[CARD_NUMBER]"));
      }
    }
  }

  // Overlapping findings (a card number is also a digit run libphonenumber may like) keep the
  // one that starts first, and the longer one on a tie.
  private static String replace(String text, List<Span> spans) {
    spans.sort(Comparator.comparingInt(Span::start).thenComparingInt(span -> -span.end()));
    StringBuilder masked = new StringBuilder(text.length());
    int position = 0;
    for (Span span : spans) {
      if (span.start() < position) {
        continue;
      }
      masked.append(text, position, span.start()).append(span.label());
      position = span.end();
    }
    return masked.append(text, position, text.length()).toString();
  }

  static boolean luhnValid(String candidate) {
    int sum = 0;
    boolean doubled = false;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      if (doubled) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  private record Span(int start, int end, String label) {}
}
