package org.switchboard.mail.route;

import java.util.Locale;

import org.switchboard.mail.smtp.RecipientCheck;
import org.switchboard.mail.spi.MailDirectory;

/**
 * Recipients we accept at RCPT: a configured alias (also with any {@code +detail}), a signed reply or
 * bounce address, or any address of a domain that has a catch-all.
 */
public final class KnownRecipients implements RecipientCheck {

    private final MailDirectory directory;
    private final ReplyToken tokens;

    public KnownRecipients(MailDirectory directory, ReplyToken tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    @Override
    public boolean accepts(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        return directory.alias(lower).isPresent()
                || tokens.caseId(lower).isPresent()
                || tokens.outboxId(lower).isPresent()
                || directory.alias(ReplyToken.baseAddress(lower)).isPresent()
                || directory.catchAll(lower.substring(at + 1)).isPresent();
    }
}
