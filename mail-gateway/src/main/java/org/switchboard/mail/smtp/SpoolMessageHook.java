package org.switchboard.mail.smtp;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;

/** SMTP: one spool entry for the message and all its accepted recipients, one reply. */
final class SpoolMessageHook implements MessageHook {

    private final SpoolWriter writer;

    SpoolMessageHook(SpoolWriter writer) {
        this.writer = writer;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        return writer.store(session, mail, mail.getRecipients());
    }
}
