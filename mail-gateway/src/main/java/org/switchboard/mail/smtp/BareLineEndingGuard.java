package org.switchboard.mail.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.lmtp.LMTPMultiResponse;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.apache.james.protocols.smtp.core.DataLineFilter;

/**
 * Refuses message data that contains a bare LF or a bare CR (SMTP smuggling, CVE-2023-51747 class).
 *
 * <p>RFC 5321 §2.3.8: "CR and LF MUST only occur together as CRLF; they MUST NOT be used singly as line
 * terminators". Netty frames lines on LF, so {@code <LF>.<CRLF>} would otherwise end the data and whatever
 * follows would run as SMTP commands — a second, smuggled message. Here the end of data is only a
 * {@code .CRLF} line whose predecessor ended with CRLF (§4.1.1.4: {@code <CRLF>.<CRLF>}); once a bare CR or LF
 * is seen, the rest of the data is swallowed until that real end and the whole message is refused. Every
 * probe thus yields one reply and no message.
 *
 * <p>This filter must run first in the DATA line chain.
 */
final class BareLineEndingGuard implements DataLineFilter {

    private final boolean lmtp;

    /** @param lmtp LMTP wants one reply per accepted recipient after the data (RFC 2033 §4.2), refusals too */
    BareLineEndingGuard(boolean lmtp) {
        this.lmtp = lmtp;
    }

    static final String BARE_LINE_ENDING =
            "5.6.0 Bare CR or LF in message data refused; lines must end with CRLF (RFC 5321 section 2.3.8)";

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        DataFlags flags = DataFlags.of(session);
        boolean endOfData = !flags.lastLineUnclean && line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n';
        boolean clean = endsWithCrlfOnly(line);
        flags.lastLineUnclean = !clean;

        if (flags.refusal != null) {
            return endOfData ? refuse(session, flags.refusal) : null;
        }
        if (!clean) {
            flags.refusal = BARE_LINE_ENDING;
            return null;
        }
        return next.onLine(session, line);
    }

    /** Ends the DATA phase without handing the message on. */
    private Response refuse(SMTPSession session, String reason) {
        Optional<MailEnvelope> envelope = session.getAttachment(DataCmdHandler.MAILENV, State.Transaction);
        envelope.ifPresent(EnvelopeCleanup::discard);
        int replies = lmtp ? envelope.map(e -> e.getRecipients().size()).orElse(1) : 1;
        session.popLineHandler();
        session.resetState();
        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < Math.max(1, replies); i++) {
            responses.add(new SMTPResponse("550", reason));
        }
        return lmtp ? LMTPMultiResponse.of(responses) : responses.get(0);
    }

    /** True when the line ends with CRLF and holds no other CR or LF. */
    static boolean endsWithCrlfOnly(byte[] line) {
        int n = line.length;
        if (n < 2 || line[n - 2] != '\r' || line[n - 1] != '\n') {
            return false;
        }
        for (int i = 0; i < n - 2; i++) {
            if (line[i] == '\r' || line[i] == '\n') {
                return false;
            }
        }
        return true;
    }
}
