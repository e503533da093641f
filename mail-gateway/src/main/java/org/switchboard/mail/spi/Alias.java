package org.switchboard.mail.spi;

/**
 * An address we accept mail for, with its routing target.
 *
 * @param address  the address, lower case ({@code sales@crm.example.com}); for a catch-all, {@code @domain}
 * @param target   opaque to the gateway: the server's key for what a new message creates here
 *                 (e.g. "lead:team=7"); passed back in {@link RoutingDecision.NewCase}
 * @param catchAll true when this alias was found as the catch-all of the recipient's domain
 */
public record Alias(String address, String target, boolean catchAll) {
}
