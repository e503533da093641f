package org.switchboard.mail.smtp;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * With STARTTLS required, a transaction cannot start in the clear: MAIL before STARTTLS gets
 * {@code 530 5.7.0} (RFC 3207 §4), so no envelope or content ever crosses the wire unencrypted. RCPT and
 * DATA need a MAIL first, so refusing MAIL is enough.
 */
final class RequireTlsHook implements MailHook {

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return session.isTLSStarted() ? HookResult.DECLINED : Replies.rejected("530", "5.7.0 Must issue a STARTTLS command first");
    }
}
