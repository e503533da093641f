package org.switchboard.mail.smtp;

import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;

/**
 * James's SIZE extension (RFC 1870: EHLO keyword, MAIL parameter, refusal of an oversized message) with our own
 * counting while receiving. James answers the end of an oversized message with its own single reply, which
 * over LMTP leaves the client waiting for one reply per recipient (RFC 2033 §4.2); here the end of data goes on
 * to the message hooks, which refuse with {@code 552} once per message (SMTP) or per recipient (LMTP). And
 * James looks the "exceeded" flag up in the session's attachments for every line; here it is a field
 * ({@link DataFlags}), set in the attachments too, once, for the hooks that read it there at the end.
 */
final class SizeLimit extends MailSizeEsmtpExtension {

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        boolean endOfData = line.length == 3 && line[0] == '.';
        if (endOfData) {
            return next.onLine(session, line);
        }
        DataFlags flags = DataFlags.of(session);
        if (flags.sizeExceeded) {
            return null;
        }
        long size = session.currentMessageSize() + line.length;
        session.setCurrentMessageSize(size);
        long max = session.getConfiguration().getMaxMessageSize();
        if (max > 0 && size > max) {
            flags.sizeExceeded = true;
            session.setAttachment(DataFlags.SIZE_EXCEEDED, true, State.Transaction);
            return null;
        }
        return next.onLine(session, line);
    }
}
