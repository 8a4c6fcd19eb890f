package dev.argus.server.security;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * HTTP/1.1 settings for every Jetty port ARGUS serves: no response names the server software,
 * neither in a {@code Server} or {@code X-Powered-By} header nor in Jetty's own error pages, so a
 * scan learns no product and version to match against published vulnerabilities.
 */
public final class AnonymousHttp {
  private AnonymousHttp() {}

  /** Returns a new HTTP/1.1 connection factory whose responses do not name Jetty. */
  public static HttpConnectionFactory connectionFactory() {
    HttpConfiguration config = new HttpConfiguration();
    // Jetty's default sends "Server: Jetty(<version>)" and names it under its error pages.
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    return new HttpConnectionFactory(config);
  }
}
