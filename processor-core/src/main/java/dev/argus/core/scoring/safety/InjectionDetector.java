package dev.argus.core.scoring.safety;

import dev.argus.core.scoring.text.Lexicon;
import dev.argus.core.scoring.text.Sentences;
import dev.argus.core.scoring.text.TokenList;
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

  // What the scan asks about a token, answered by one probe of WORDS.
  private static final int IMPERATIVE = 1;
  private static final int OUTPUT_NOUN = 1 << 1;
  private static final int SECOND_PERSON = 1 << 2;
  private static final int YOUR = 1 << 3;
  private static final int IN = 1 << 4;
  // The phrase group a first word opens rides in its flags as 1 + the group's index, override
  // groups from bit 8 and code groups from bit 16, so checking a phrase needs no second probe.
  private static final int OVERRIDE_GROUP_SHIFT = 8;
  private static final int CODE_GROUP_SHIFT = 16;
  private static final int GROUP_MASK = 0xFF;
  private static final WordFlags WORDS =
      withGroups(
              withGroups(
                  WordFlags.builder(256)
                      .add(IMPERATIVE, IMPERATIVES)
                      .add(OUTPUT_NOUN, OUTPUT_NOUNS)
                      .add(SECOND_PERSON, "you", "your")
                      .add(YOUR, "your")
                      .add(IN, "in"),
                  OVERRIDE_PHRASES,
                  OVERRIDE_GROUP_SHIFT),
              CODE_PHRASES,
              CODE_GROUP_SHIFT)
          .build();

  /** Returns the injection risk of {@code text} in [0, 1]. */
  public double rate(String text) {
    if (text.isBlank()) {
      return 0.0;
    }
    // Read through the accessors: no token object is built for the prompt or the documents.
    TokenList tokens = Tokenizer.tokenList(text);
    boolean[] claimStarts = claimStarts(text, tokens.size());
    boolean override = false;
    int code = 0;
    double indirect = 0.0;
    Claim claim = new Claim();
    for (int i = 0; i < tokens.size(); i++) {
      int flags = WORDS.of(text, tokens, i);
      if (i == 0 || claimStarts[i]) {
        indirect = Math.max(indirect, claim.risk());
        claim.start((flags & IMPERATIVE) != 0 && !tokens.isNumber(i));
      }
      if (flags == 0) {
        continue;
      }
      int overrideGroup = (flags >>> OVERRIDE_GROUP_SHIFT) & GROUP_MASK;
      if (overrideGroup != 0 && !override) {
        override = OVERRIDE_PHRASES.groupStartsAt(tokens, i, overrideGroup - 1);
      }
      int codeGroup = (flags >>> CODE_GROUP_SHIFT) & GROUP_MASK;
      if (codeGroup != 0 && CODE_PHRASES.groupStartsAt(tokens, i, codeGroup - 1)) {
        code++;
      }
      if ((flags & SECOND_PERSON) != 0) {
        claim.secondPerson = true;
        claim.aboutOutput |= nextInClaimHas(text, tokens, claimStarts, i, OUTPUT_NOUN);
      }
      if ((flags & IN) != 0 && nextInClaimHas(text, tokens, claimStarts, i, YOUR)) {
        claim.imperative |= nextInClaimHas(text, tokens, claimStarts, i + 1, OUTPUT_NOUN);
      }
    }
    double risk = override ? 0.95 : 0.0;
    risk = Math.max(risk, Math.max(indirect, claim.risk()));
    for (int i = 0; i < code; i++) {
      risk = Math.max(risk, 0.55) + 0.1 * (1 - risk);
    }
    return Math.min(1.0, risk);
  }

  private static WordFlags.Builder withGroups(
      WordFlags.Builder words, PhraseMatcher phrases, int shift) {
    List<String> firstWords = phrases.firstWords();
    if (firstWords.size() > GROUP_MASK) {
      throw new IllegalStateException("more phrase groups than the flags can hold");
    }
    for (int group = 0; group < firstWords.size(); group++) {
      words.add((group + 1) << shift, firstWords.get(group));
    }
    return words;
  }

  // Which tokens start a claim of Sentences (after the first): the tokenizer found the cuts while
  // reading the text, so no gap between tokens is read again.
  private static boolean[] claimStarts(String text, int tokenCount) {
    boolean[] starts = new boolean[tokenCount + 1];
    for (int end : Sentences.claimEnds(text)) {
      starts[end] = true;
    }
    return starts;
  }

  // Whether the token after `i` lies in the same claim and carries `flag`.
  private static boolean nextInClaimHas(
      String text, TokenList tokens, boolean[] claimStarts, int i, int flag) {
    return i + 1 < tokens.size()
        && !claimStarts[i + 1]
        && (WORDS.of(text, tokens, i + 1) & flag) != 0;
  }

  /**
   * What one claim (a sentence or clause) says. An imperative about the model's output is the
   * strongest signal; talk about the output alone comes next, a bare imperative last.
   */
  private static final class Claim {
    boolean imperative;
    boolean aboutOutput;
    boolean secondPerson;

    void start(boolean imperative) {
      this.imperative = imperative;
      aboutOutput = false;
      secondPerson = false;
    }

    double risk() {
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
}
