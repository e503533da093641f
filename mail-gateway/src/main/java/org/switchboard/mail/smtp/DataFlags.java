package org.switchboard.mail.smtp;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;

/** Per-transaction flags shared by the DATA line filters and hooks. */
final class DataFlags {

    private DataFlags() {
    }

    /** Why the message being received will be refused at its end (bare CR/LF, overlong line). */
    static final AttachmentKey<String> REFUSAL = AttachmentKey.of("SWITCHBOARD_REFUSAL", String.class);

    /** Whether the previous data line ended with CRLF: only then can ".CRLF" end the data (RFC 5321 §4.1.1.4). */
    static final AttachmentKey<Boolean> LAST_LINE_UNCLEAN = AttachmentKey.of("SWITCHBOARD_LAST_LINE_UNCLEAN", Boolean.class);

    /** Set by James's MailSizeEsmtpExtension when the message outgrew the SIZE limit (same name and type). */
    static final AttachmentKey<Boolean> SIZE_EXCEEDED = AttachmentKey.of("MESG_FAILED", Boolean.class);
}
