package dev.argus.core.scoring.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiScannerTest {

  private final PiiScanner scanner = new PiiScanner();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Order 4481-2290-17 shipped; invoice INV-88213409 is attached.",
        "Your order number is 1234567890 and the ticket is 2024-000123.",
        "Logged at 2025-03-14T09:26:53.123Z (epoch 1741944413123).",
        "The ratio was 0.5309136012499991 and the mean 3.14159265358979.",
        "Totals: 1,234,567.89 USD, 98.6%, -0.000123, 6.02e23.",
        "Version 10.4.12.7 of the driver, build 20250314.2.",
        "My driver's license number is 2270-66-1551.",
        "Coordinates 51.5072, -0.1276 and 40.7128, -74.0060."
      })
  void ordinaryNumbers_areNotPersonalData(String text) {
    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "My SSN is 123-45-6789.|US_SSN|123-45-6789",
        "Wire it to GB82 WEST 1234 5698 7654 32 today.|IBAN|GB82 WEST 1234 5698 7654 32",
        "Phone: 0496 46 46 70|PHONE|0496 46 46 70",
        "Card 6304 0000 0000 0000 0 on file|CREDIT_CARD|6304 0000 0000 0000 0",
        "Server 203.0.113.7 is down|IP_ADDRESS|203.0.113.7"
      })
  void personalData_isFoundWithKindAndSpan(String text, PiiKind kind, String value) {
    List<PiiFinding> findings = scanner.scan(text);

    assertEquals(1, findings.size(), text + " " + findings);
    assertEquals(kind, findings.get(0).kind());
    assertEquals(value, findings.get(0).in(text));
  }

  // The number detectors start from the digit runs PiiScanner finds once: a value may open the
  // text, close it, open with "(" or "+", or follow another value in the same text.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GB82WEST12345698765432 is the account|IBAN:GB82WEST12345698765432",
        "123-45-6789|US_SSN:123-45-6789",
        "(415) 555-0123 is my number|PHONE:(415) 555-0123",
        "Call (415) 555-0123 or +44 20 7946 0958.|PHONE:(415) 555-0123,PHONE:+44 20 7946 0958",
        "IPs 10.0.0.1 and 203.0.113.7 and 2001:db8::1|"
            + "IP_ADDRESS:10.0.0.1,IP_ADDRESS:203.0.113.7,IP_ADDRESS:2001:db8::1",
        "x203.0.113.7 and 1.2.3.4.5 and ab:cd::ef|"
      })
  void numbersAreFoundWhereverTheirDigitsStart(String text, String expected) {
    List<String> found = scanner.scan(text).stream().map(f -> f.kind() + ":" + f.in(text)).toList();

    assertEquals(expected == null ? List.of() : List.of(expected.split(",")), found, text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Her SSN is 666-12-3456.",
        "SSN 000-12-3456",
        "SSN 123-00-4567",
        "SSN 912-34-5678",
        "Wire to GB82WEST12345698765433."
      })
  void invalidSsnOrIban_isRejected(String text) {
    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Windows 10.0.19045.3803 is installed.",
        "The server runs 6.1.7601.24545 with the latest patches.",
        "Build 12.34.5678.90123 fixed the crash.",
        "Ship it to PA 17151 2450 by Friday."
      })
  void versionStrings_areNotPhones(String text) {
    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Llame al 612 345 678 hoy.|612 345 678",
        "Nuestra oficina: 912 345 678, de lunes a viernes.|912 345 678",
        "Llame al 612345678 hoy.|612345678",
        "Mi móvil es 612345678.|612345678"
      })
  void spanishNumbers_inSpanishText_arePhones(String text, String phone) {
    List<PiiFinding> findings = scanner.scan(text);

    assertEquals(1, findings.size(), text);
    assertEquals(PiiKind.PHONE, findings.get(0).kind());
    assertEquals(phone, findings.get(0).in(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "The host is 2001:db8::8a2e:370:7334 today.|2001:db8::8a2e:370:7334",
        "Resolved to 2a00:1450:4001:81c::200e.|2a00:1450:4001:81c::200e",
        "Full form 2001:0db8:85a3:0000:0000:8a2e:0370:7334 here|"
            + "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "Mapped ::ffff:203.0.113.7 is public|::ffff:203.0.113.7"
      })
  void ipv6Address_isFound(String text, String address) {
    List<PiiFinding> findings = scanner.scan(text);

    assertEquals(1, findings.size(), text);
    assertEquals(PiiKind.IP_ADDRESS, findings.get(0).kind());
    assertEquals(address, findings.get(0).in(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "The meeting is at 12:30:45 and ends 14:00.",
        "MAC 00:1A:2B:3C:4D:5E is on the label.",
        "Use std::vector and Foo::bar in C++.",
        "Ratio 3:2:1 and scripture John 3:16."
      })
  void colonSeparatedLookAlikes_areNoAddresses(String text) {
    assertEquals(List.of(), scanner.scan(text), text);
  }

  @ParameterizedTest
  @CsvSource({"fe80::1, true", "fd12:3456:789a::1, true", "::1, true", "2001:db8::1, false"})
  void ipv6PrivateRanges(String address, boolean expected) {
    assertEquals(expected, PiiScanner.isPrivateAddress(address));
  }
}
