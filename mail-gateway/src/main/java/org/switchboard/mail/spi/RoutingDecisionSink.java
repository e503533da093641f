package org.switchboard.mail.spi;

/**
 * Receives the routing decision of each spooled message. Implemented by the server: it creates the
 * case, appends the history entry, marks the address as bouncing, or records the dead letter, and it
 * keeps every decision visible to an administrator.
 *
 * <p>Called once per spooled message and recipient alias; must be idempotent per {@code spoolId}
 * (a crash between routing and commit makes the server route the message again).
 */
public interface RoutingDecisionSink {

    void record(String spoolId, RoutingDecision decision);
}
