package org.switchboard.mail.smtp;

import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;

/**
 * James's SIZE extension (RFC 1870: EHLO keyword, MAIL parameter, counting while receiving) with one fix:
 * at the end of an oversized message James answers with its own single reply, which over LMTP leaves the
 * client waiting for one reply per recipient (RFC 2033 §4.2). Here the end of data goes on to the message
 * hooks, which refuse with {@code 552} once per message (SMTP) or per recipient (LMTP).
 */
final class SizeLimit extends MailSizeEsmtpExtension {

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        boolean endOfData = line.length == 3 && line[0] == '.';
        if (endOfData && session.getAttachment(DataFlags.SIZE_EXCEEDED, State.Transaction).orElse(false)) {
            return next.onLine(session, line);
        }
        return super.onLine(session, line, next);
    }
}
