package org.switchboard.mail.smtp;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * What the DATA line filters learn about the message being received, kept in fields of the session rather
 * than in James's attachment map: the filters read and write them for every line, and each attachment
 * lookup allocates an {@code Optional} and two lambdas. At 70 lines per 5 KB message those lookups were about
 * a quarter of the SMTP threads' CPU in a profile of {@code bench mail} (ADR 0021). The session starts a new
 * set with every transaction ({@link GatewayProtocol}).
 */
final class DataFlags {

    /** Set by James's MailSizeEsmtpExtension when the message outgrew the SIZE limit (same name and type). */
    static final AttachmentKey<Boolean> SIZE_EXCEEDED = AttachmentKey.of("MESG_FAILED", Boolean.class);

    /** Why the message being received will be refused at its end (bare CR/LF, overlong line); null while none. */
    String refusal;

    /** Whether the previous data line did not end with CRLF: then ".CRLF" does not end the data (RFC 5321 §4.1.1.4). */
    boolean lastLineUnclean;

    /** Whether the message outgrew the size limit; the rest of its lines are not kept. */
    boolean sizeExceeded;

    static DataFlags of(SMTPSession session) {
        return ((GatewayProtocol.Session) session).dataFlags();
    }
}
