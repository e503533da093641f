package org.switchboard.mail.spi;

import java.util.List;
import java.util.Optional;

/**
 * One message of the outbox, as claimed by the gateway.
 *
 * @param id          the outbox id (stable; our Message-ID and VERP return path are derived from it)
 * @param from        From address
 * @param fromName    display name for From, may be empty
 * @param to          To addresses (at least one of to/cc/bcc)
 * @param cc          Cc addresses
 * @param bcc         Bcc addresses (envelope only, never a header)
 * @param subject     subject, without CR/LF
 * @param textBody    plain-text body
 * @param htmlBody    optional HTML alternative
 * @param caseId      the case this message belongs to: its Reply-To carries the case's reply token
 * @param replyAlias  the alias the reply token is built on ({@code sales@crm.example.com})
 * @param inReplyTo   Message-ID this answers (no angle brackets)
 * @param references  thread Message-IDs, oldest first (no angle brackets)
 * @param automated   true for mail no human wrote (notifications, auto-acknowledgements):
 *                    gets {@code Auto-Submitted: auto-generated} (RFC 3834 §5)
 * @param attempts    how many sending attempts failed before this claim
 * @param calendar    an iTIP message to send as iMIP (RFC 6047) beside the text, for meeting invitations
 */
public record OutboundMessage(
        String id,
        String from,
        String fromName,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String textBody,
        Optional<String> htmlBody,
        Optional<Long> caseId,
        Optional<String> replyAlias,
        Optional<String> inReplyTo,
        List<String> references,
        boolean automated,
        List<OutboundAttachment> attachments,
        int attempts,
        Optional<OutboundCalendar> calendar) {

    /** A message without calendar part. */
    public OutboundMessage(String id, String from, String fromName, List<String> to, List<String> cc, List<String> bcc,
            String subject, String textBody, Optional<String> htmlBody, Optional<Long> caseId, Optional<String> replyAlias,
            Optional<String> inReplyTo, List<String> references, boolean automated, List<OutboundAttachment> attachments,
            int attempts) {
        this(id, from, fromName, to, cc, bcc, subject, textBody, htmlBody, caseId, replyAlias, inReplyTo, references, automated,
                attachments, attempts, Optional.empty());
    }

    public OutboundMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
    }
}
