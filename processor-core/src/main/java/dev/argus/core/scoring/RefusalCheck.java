package dev.argus.core.scoring;

import dev.argus.core.scoring.text.Refusals;

/**
 * {@link Refusals#isRefusal} as the scorers of one evaluation ask it: several of them ask about the
 * same completion, one after another on one thread, so the answer for the last completion instance
 * seen on the thread is kept and handed back when the very same string comes again.
 */
public final class RefusalCheck {

  private static final ThreadLocal<RefusalCheck> LAST = ThreadLocal.withInitial(RefusalCheck::new);

  private String completion;
  private boolean refusal;

  private RefusalCheck() {}

  /** Returns {@code Refusals.isRefusal(completion)}. */
  public static boolean isRefusal(String completion) {
    RefusalCheck last = LAST.get();
    // Identity, not equality: comparing texts would cost as much as the check itself.
    if (last.completion != completion) {
      last.refusal = Refusals.isRefusal(completion);
      last.completion = completion;
    }
    return last.refusal;
  }
}
