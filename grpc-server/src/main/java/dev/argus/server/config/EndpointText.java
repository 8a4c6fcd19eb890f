package dev.argus.server.config;

/**
 * Shows an endpoint as written, with the parts that may carry credentials hidden: the user
 * information before {@code @} and the query after {@code ?}, which some webhook receivers use for
 * an access token. Used wherever an endpoint reaches the log or a problem message.
 */
public final class EndpointText {

  private EndpointText() {}

  /** Returns {@code endpoint} with its user information and query shown as {@code [REDACTED]}. */
  public static String safe(String endpoint) {
    if (endpoint == null) {
      return null;
    }
    String text = endpoint;
    int query = text.indexOf('?');
    if (query >= 0) {
      int fragment = text.indexOf('#', query);
      text =
          text.substring(0, query + 1)
              + SecretValues.REDACTED
              + (fragment < 0 ? "" : text.substring(fragment));
    }
    int at = userInfoEnd(text);
    if (at >= 0) {
      int start = authorityStart(text);
      text = text.substring(0, start) + SecretValues.REDACTED + text.substring(at);
    }
    return text;
  }

  /** Returns true when {@code endpoint} carries user information ({@code user:password@host}). */
  public static boolean hasUserInfo(String endpoint) {
    return endpoint != null && userInfoEnd(endpoint) >= 0;
  }

  // The '@' that ends the user information, or -1; only an '@' before the path, query or
  // fragment counts.
  private static int userInfoEnd(String text) {
    int start = authorityStart(text);
    int end = text.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = text.indexOf(stop, start);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    int at = text.lastIndexOf('@', end - 1);
    return at >= start ? at : -1;
  }

  private static int authorityStart(String text) {
    int scheme = text.indexOf("://");
    return scheme < 0 ? 0 : scheme + 3;
  }
}
