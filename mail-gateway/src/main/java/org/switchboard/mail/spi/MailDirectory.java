package org.switchboard.mail.spi;

import java.util.Optional;

/**
 * The router's view of the world. Implemented by the server; every method is a lookup, none changes
 * anything. Addresses are passed lower case. Case ids are the server's numeric case numbers.
 */
public interface MailDirectory {

    /** The alias configured for exactly this address, if any. */
    Optional<Alias> alias(String address);

    /** The catch-all alias of a domain, if the domain has one. */
    Optional<Alias> catchAll(String domain);

    /** The case that sent or received a message with this Message-ID (no angle brackets). */
    Optional<Long> caseByMessageId(String messageId);

    /** Whether a case with this number exists (for {@code [#N]} subject tags and reply tokens). */
    boolean caseExists(long caseId);

    /** The outbox message that was sent with this Message-ID, for linking a bounce. */
    Optional<String> outboundByMessageId(String messageId);

    /** The partner (contact, else company by domain when configured) that owns this address. */
    Optional<String> partnerByAddress(String address);
}
