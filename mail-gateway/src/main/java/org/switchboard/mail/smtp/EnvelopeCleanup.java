package org.switchboard.mail.smtp;

import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;

/** Deletes the spill file of a message that was being received when the connection ended or the data ended. */
final class EnvelopeCleanup implements DisconnectHandler<SMTPSession> {

    @Override
    public void onDisconnect(SMTPSession session) {
        discard(session.getAttachment(DataCmdHandler.MAILENV, State.Transaction).orElse(null));
    }

    static void discard(MailEnvelope envelope) {
        if (envelope instanceof SpoolingEnvelope) {
            ((SpoolingEnvelope) envelope).discard();
        }
    }

    /** SMTP: after the message hooks ran, the spill file is no longer needed. */
    static final class Smtp extends org.apache.james.protocols.smtp.core.DataLineMessageHookHandler {
        @Override
        protected Response processExtensions(SMTPSession session, MailEnvelope mail) {
            try {
                return super.processExtensions(session, mail);
            } finally {
                discard(mail);
            }
        }
    }

    /** LMTP: after every recipient got its reply, the spill file is no longer needed. */
    static final class Lmtp extends org.apache.james.protocols.lmtp.core.DataLineMessageHookHandler {
        @Override
        protected Response processExtensions(SMTPSession session, MailEnvelope mail) {
            try {
                return super.processExtensions(session, mail);
            } finally {
                discard(mail);
            }
        }
    }
}
