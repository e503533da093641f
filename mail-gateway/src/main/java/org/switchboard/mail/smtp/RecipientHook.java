package org.switchboard.mail.smtp;

import java.util.Locale;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;

/** Validates recipients at RCPT time, so unknown addresses are refused by us rather than bounced later. */
final class RecipientHook implements RcptHook {

    private final RecipientCheck recipients;

    RecipientHook(RecipientCheck recipients) {
        this.recipients = recipients;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        String address = rcpt.asString().toLowerCase(Locale.ROOT);
        try {
            return recipients.accepts(address) ? HookResult.DECLINED : Replies.unknownRecipient(address);
        } catch (RuntimeException e) {
            return Replies.tryLater("Cannot check recipient now");
        }
    }
}
