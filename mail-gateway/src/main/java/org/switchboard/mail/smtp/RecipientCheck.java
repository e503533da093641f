package org.switchboard.mail.smtp;

/**
 * Decides at {@code RCPT TO} whether we accept mail for an address. An unknown address is refused with
 * {@code 550 5.1.1}; an exception becomes {@code 451 4.3.0} (try later).
 * {@link org.switchboard.mail.route.KnownRecipients} is the implementation backed by the directory.
 */
@FunctionalInterface
public interface RecipientCheck {

    boolean accepts(String address);
}
