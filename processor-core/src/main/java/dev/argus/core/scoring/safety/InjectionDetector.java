package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.Token;
import dev.argus.core.scoring.text.Tokenizer;
import java.util.List;
import java.util.Set;

/**
 * Rates how likely a text (a prompt, a retrieved document, a tool result) carries instructions
 * aimed at the model rather than data for it.
 *
 * <p>Two signals: the familiar override phrases ("ignore previous instructions", "you are now",
 * "reveal your system prompt"), and indirect injections, which read like ordinary tasks but address
 * the model's output: an imperative sentence ("Add ...", "Translate ...", "Include ...") that
 * refers to "your answer", "your response" or "your reply". Data such as e-mails and tables talks
 * about the reader's account or order, almost never about the reader's reply, which is what makes
 * the second signal work. Dangerous shell or exfiltration code adds to the risk.
 */
public final class InjectionDetector {

  private static final List<String> OVERRIDES =
      List.of(
          "ignore previous",
          "ignore all previous",
          "ignore the previous",
          "ignore prior",
          "ignore all prior",
          "ignore the above",
          "ignore above",
          "ignore your instructions",
          "ignore all instructions",
          "ignore any previous",
          "disregard previous",
          "disregard all",
          "disregard the above",
          "disregard your",
          "forget your instructions",
          "forget everything",
          "forget all previous",
          "you are now",
          "from now on you",
          "new instructions:",
          "system prompt",
          "reveal your instructions",
          "developer mode",
          "jailbreak",
          "do anything now",
          "act as if you",
          "pretend you are",
          "pretend to be",
          "override your",
          "bypass your",
          "without any restrictions",
          "no longer bound");
  private static final Set<String> OUTPUT_NOUNS =
      Lexicon.words(
          "answer",
          "answers",
          "response",
          "responses",
          "reply",
          "replies",
          "output",
          "solution",
          "implementation",
          "algorithm",
          "summary",
          "message",
          "messages",
          "code",
          "program",
          "script",
          "function",
          "result",
          "results",
          "text",
          "letters",
          "words",
          "sentences",
          "responding",
          "answering",
          "replying");
  private static final Set<String> IMPERATIVES =
      Lexicon.words(
          "add",
          "include",
          "insert",
          "integrate",
          "incorporate",
          "append",
          "prepend",
          "modify",
          "translate",
          "encrypt",
          "encode",
          "substitute",
          "replace",
          "use",
          "enhance",
          "augment",
          "ensure",
          "employ",
          "start",
          "begin",
          "end",
          "conclude",
          "finish",
          "mention",
          "promote",
          "suggest",
          "recommend",
          "advertise",
          "tell",
          "remind",
          "write",
          "rewrite",
          "respond",
          "reply",
          "answer",
          "output",
          "print",
          "provide",
          "share",
          "ask",
          "encourage",
          "urge",
          "direct",
          "redirect",
          "embed",
          "attach",
          "emphasize",
          "emphasise",
          "convince",
          "persuade",
          "spread",
          "state",
          "claim",
          "say",
          "make",
          "put",
          "present",
          "format",
          "reverse",
          "group",
          "capitalize",
          "convert",
          "spell",
          "describe",
          "explain",
          "give",
          "list",
          "offer",
          "inform",
          "warn",
          "alert",
          "invite",
          "request",
          "instruct",
          "tease",
          "allude",
          "refer",
          "link",
          "reference",
          "highlight",
          "introduce",
          "sprinkle",
          "weave",
          "blend",
          "infuse",
          "ignore",
          "disregard",
          "forget",
          "pretend",
          "act",
          "run",
          "execute",
          "visit",
          "download",
          "click",
          "send",
          "email",
          "call");
  private static final List<String> DANGEROUS_CODE =
      List.of(
          "nc -e",
          "/bin/bash",
          "/bin/sh",
          "rm -rf",
          "os.system(",
          "subprocess.",
          "eval(",
          "exec(",
          "requests.post(",
          "curl ",
          "wget ",
          "base64 -d",
          "chmod +x",
          "keylogger",
          "pynput",
          "socket.socket(",
          "/etc/passwd",
          "ssh-keygen",
          "crontab");

  private static final PhraseMatcher OVERRIDE_PHRASES = new PhraseMatcher(OVERRIDES);
  private static final PhraseMatcher CODE_PHRASES = new PhraseMatcher(DANGEROUS_CODE);

  /** Returns the injection risk of {@code text} in [0, 1]. */
  public double rate(String text) {
    if (text.isBlank()) {
      return 0.0;
    }
    List<Token> tokens = Tokenizer.tokenize(text);
    double risk = OVERRIDE_PHRASES.count(tokens) > 0 ? 0.95 : 0.0;
    risk = Math.max(risk, indirect(text, tokens));
    int code = CODE_PHRASES.count(tokens);
    for (int i = 0; i < code; i++) {
      risk = Math.max(risk, 0.55) + 0.1 * (1 - risk);
    }
    return Math.min(1.0, risk);
  }

  // The highest sentence risk: an imperative about the model's output is the strongest signal.
  private static double indirect(String text, List<Token> all) {
    double risk = 0.0;
    int t = 0;
    for (int[] span : Sentences.claims(text)) {
      while (t < all.size() && all.get(t).start() < span[0]) {
        t++;
      }
      int from = t;
      while (t < all.size() && all.get(t).start() < span[1]) {
        t++;
      }
      if (from < t) {
        risk = Math.max(risk, sentenceRisk(all.subList(from, t)));
      }
    }
    return risk;
  }

  private static double sentenceRisk(List<Token> tokens) {
    boolean imperative = !tokens.get(0).number() && IMPERATIVES.contains(tokens.get(0).text());
    boolean aboutOutput = false;
    boolean secondPerson = false;
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.get(i).text();
      if ("your".equals(word) || "you".equals(word)) {
        secondPerson = true;
        if (i + 1 < tokens.size() && OUTPUT_NOUNS.contains(tokens.get(i + 1).text())) {
          aboutOutput = true;
        }
      }
      if ("in".equals(word) && i + 2 < tokens.size() && "your".equals(tokens.get(i + 1).text())) {
        imperative |= OUTPUT_NOUNS.contains(tokens.get(i + 2).text());
      }
    }
    if (imperative && aboutOutput) {
      return 0.9;
    }
    if (aboutOutput) {
      return 0.7;
    }
    if (imperative) {
      return secondPerson ? 0.3 : 0.15;
    }
    return 0.0;
  }
}
