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

    /** The partner (a contact, else a company) that owns exactly this address. */
    Optional<String> partnerByAddress(String address);

    /**
     * For a new case at {@code alias} from an address no partner owns: the company of the address's domain,
     * when the server is configured to link by domain (for this alias or for all). Empty by default.
     */
    default Optional<String> companyByDomain(String address, Alias alias) {
        return Optional.empty();
    }
}
