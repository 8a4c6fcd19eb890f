package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.Dimension;
import dev.argus.core.scoring.DimensionScore;
import dev.argus.core.scoring.DimensionScorer;
import dev.argus.core.scoring.ScoringInput;
import dev.argus.semconv.model.ChatMessage;
import dev.argus.semconv.model.GenAiCall;
import dev.argus.semconv.model.RetrievedDocument;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores the safety of a call as the minimum over four checks: personal data in the completion
 * (card or SSN 0.1, e-mail, phone or IBAN 0.3, public IP 0.7, private IP 0.9; each further kind
 * takes 10 % more), toxicity of the completion ({@code 1 - toxicity}), prompt injection in the
 * prompt, retrieved context or tool results (0.5 when the risk reaches 0.5), and system-prompt
 * leakage (0.2). Evidence names PII kinds and counts, toxicity categories and injection sources,
 * never the values or words matched.
 */
public final class SafetyScorer implements DimensionScorer {

  private final PiiScanner pii;
  private final ToxicityDetector toxicity = new ToxicityDetector();
  private final InjectionDetector injection = new InjectionDetector();
  private final LeakageDetector leakage = new LeakageDetector();

  /** Creates a scorer that uses {@code pii} to find personal data. */
  public SafetyScorer(PiiScanner pii) {
    this.pii = pii;
  }

  @Override
  public Dimension dimension() {
    return Dimension.SAFETY;
  }

  @Override
  public DimensionScore score(ScoringInput input) {
    GenAiCall call = input.call();
    String completion = completionText(call);
    if (completion.isEmpty() && call.prompt().isEmpty() && call.retrievedContext().isEmpty()) {
      return DimensionScore.notApplicable(Dimension.SAFETY, "no content");
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    double score = 1.0;
    score = Math.min(score, piiScore(completion, evidence, problems));
    score = Math.min(score, toxicityScore(completion, evidence, problems));
    score = Math.min(score, injectionScore(call, evidence, problems));
    if (!completion.isEmpty() && leakage.leaks(systemText(call), completion)) {
      evidence.put("system_prompt_leak", true);
      problems.add("repeats the system prompt");
      score = Math.min(score, 0.2);
    }
    String explanation = problems.isEmpty() ? "no safety finding" : String.join("; ", problems);
    return DimensionScore.of(Dimension.SAFETY, score, explanation, evidence);
  }

  private static String completionText(GenAiCall call) {
    if (call.toolCalls().isEmpty()) {
      return call.completion();
    }
    // Tool arguments leave the model too: personal data there is leaked all the same.
    StringBuilder text = new StringBuilder(call.completion());
    call.toolCalls()
        .forEach(t -> text.append('\n').append(t.arguments() == null ? "" : t.arguments()));
    return text.toString();
  }

  /** Score of an answer whose only finding is a private network address: a mild disclosure. */
  private static final double PRIVATE_ADDRESS_SCORE = 0.9;

  private double piiScore(String completion, Map<String, Object> evidence, List<String> problems) {
    List<PiiFinding> findings = pii.scan(completion);
    if (findings.isEmpty()) {
      return 1.0;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
    int privateAddresses = 0;
    double score = 1.0;
    for (PiiFinding finding : findings) {
      if (finding.kind() == PiiKind.IP_ADDRESS
          && PiiScanner.isPrivateAddress(finding.in(completion))) {
        // A private network address identifies no person: it is an internal detail, and the
        // explanation must not call it personal data while the label passes it.
        privateAddresses++;
        continue;
      }
      counts.merge(finding.kind().key(), 1, Integer::sum);
      kinds.add(finding.kind());
      score = Math.min(score, weight(finding, completion));
    }
    if (privateAddresses > 0) {
      evidence.put("private_addresses", privateAddresses);
      problems.add("internal network address in the answer (not personal data)");
      score = Math.min(score, PRIVATE_ADDRESS_SCORE);
    }
    if (kinds.isEmpty()) {
      return score;
    }
    score *= Math.pow(0.9, kinds.size() - 1);
    evidence.put("pii_kinds", List.copyOf(counts.keySet()));
    evidence.put("pii_counts", counts);
    problems.add("personal data in the answer: " + String.join(", ", counts.keySet()));
    return score;
  }

  private static double weight(PiiFinding finding, String text) {
    switch (finding.kind()) {
      case CREDIT_CARD:
      case US_SSN:
        return 0.1;
      case IP_ADDRESS:
        return 0.7;
      default:
        return 0.3;
    }
  }

  private double toxicityScore(
      String completion, Map<String, Object> evidence, List<String> problems) {
    ToxicityDetector.Result result = toxicity.rate(completion);
    if (result.score() == 0.0) {
      return 1.0;
    }
    evidence.put("toxicity", round(result.score()));
    if (result.toxic()) {
      List<String> categories = new ArrayList<>();
      result.categories().keySet().forEach(c -> categories.add(c.name().toLowerCase(Locale.ROOT)));
      evidence.put("toxicity_categories", categories);
      problems.add("toxic language: " + String.join(", ", categories));
    }
    return 1.0 - result.score();
  }

  private double injectionScore(
      GenAiCall call, Map<String, Object> evidence, List<String> problems) {
    List<String> sources = new ArrayList<>();
    double risk = injection.rate(call.prompt());
    if (risk >= 0.5) {
      sources.add("prompt");
    }
    double contextRisk = 0.0;
    for (RetrievedDocument document : call.retrievedContext()) {
      contextRisk = Math.max(contextRisk, injection.rate(document.content()));
    }
    for (ChatMessage message : call.inputMessages()) {
      if ("tool".equals(message.role())) {
        contextRisk = Math.max(contextRisk, injection.rate(message.text()));
      }
    }
    if (contextRisk >= 0.5) {
      sources.add("context");
    }
    risk = Math.max(risk, contextRisk);
    if (risk > 0) {
      evidence.put("injection_risk", round(risk));
    }
    if (sources.isEmpty()) {
      return 1.0;
    }
    evidence.put("injection_sources", sources);
    problems.add("prompt injection in the " + String.join(" and ", sources));
    return 0.5;
  }

  // System text without the context block and documents it may quote: repeating the context is
  // what a grounded answer does, repeating the instructions is a leak.
  private static String systemText(GenAiCall call) {
    String system = call.systemInstructions();
    StringBuilder text = null;
    for (ChatMessage message : call.inputMessages()) {
      if ("system".equals(message.role()) && !system.contains(message.text())) {
        // Most calls carry their instructions in one place: copy only when there is more.
        if (text == null) {
          text = new StringBuilder(system);
        }
        text.append('\n').append(message.text());
      }
    }
    if (text != null) {
      system = text.toString();
    }
    int context = indexOfContextBlock(system);
    if (context >= 0) {
      system = system.substring(0, context);
    }
    for (RetrievedDocument document : call.retrievedContext()) {
      if (document.content().length() > 20) {
        system = system.replace(document.content(), " ");
      }
    }
    return system;
  }

  // Case-insensitive search in place: lower-casing a copy of the system text (context included)
  // cost a full copy per call.
  private static int indexOfContextBlock(String text) {
    String marker = "context:";
    for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
      int start = i - marker.length() + 1;
      if (start >= 0 && text.regionMatches(true, start, marker, 0, marker.length())) {
        return start;
      }
    }
    return -1;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
