package dev.argus.server.admin;

import org.eclipse.jetty.server.Request;

/**
 * Decides whether a request may use an admin endpoint other than {@code /healthz}, which stays open
 * so that an orchestrator's liveness probe needs no credentials. The single place where
 * authentication of the admin server plugs in.
 */
@FunctionalInterface
public interface AdminAccess {
  /** Lets every request through; for a server bound to loopback or a private network. */
  AdminAccess OPEN = request -> true;

  /** Returns whether {@code request} may proceed; a denied request is answered 401. */
  boolean permits(Request request);
}
