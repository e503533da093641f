package org.switchboard.mail.smtp;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.lmtp.hook.DeliverToRecipientHook;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;

/**
 * LMTP: RFC 2033 §4.2 wants one reply per accepted recipient after the data. The message is spooled once
 * for all recipients (one routing decision, as over SMTP) and each recipient is told the outcome.
 */
final class LmtpDeliveryHook implements DeliverToRecipientHook {

    private static final AttachmentKey<HookResult> OUTCOME = AttachmentKey.of("SWITCHBOARD_LMTP_OUTCOME", HookResult.class);

    private final SpoolWriter writer;

    LmtpDeliveryHook(SpoolWriter writer) {
        this.writer = writer;
    }

    @Override
    public HookResult deliver(SMTPSession session, MailAddress recipient, MailEnvelope envelope) {
        HookResult outcome = session.getAttachment(OUTCOME, State.Transaction).orElse(null);
        if (outcome == null) {
            outcome = writer.store(session, envelope, envelope.getRecipients());
            session.setAttachment(OUTCOME, outcome, State.Transaction);
        }
        return HookResult.builder()
                .hookReturnCode(outcome.getResult())
                .smtpReturnCode(outcome.getSmtpRetCode())
                .smtpDescription(outcome.getSmtpDescription() + " for <" + recipient.asString() + ">")
                .build();
    }
}
