package org.switchboard.mail.parse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the router and the CRM need from a message. Message-IDs are given without angle brackets.
 *
 * @param htmlBody       sanitised HTML (safe to show), with {@code cid:} images pointing at their attachment
 * @param deliveryReport present when the message is a multipart/report DSN (RFC 3464 / RFC 6522)
 * @param problems       what was wrong but survivable (charset fallback, oversized part dropped, ...)
 */
public record ParsedMessage(
        Optional<String> messageId,
        Optional<String> inReplyTo,
        List<String> references,
        Optional<Mailbox> from,
        List<Mailbox> replyTo,
        List<Mailbox> to,
        List<Mailbox> cc,
        String subject,
        Optional<Instant> date,
        String textBody,
        Optional<String> htmlBody,
        List<Attachment> attachments,
        AutomationHeaders automation,
        Optional<DeliveryReport> deliveryReport,
        List<String> problems) {

    public ParsedMessage {
        references = List.copyOf(references);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        attachments = List.copyOf(attachments);
        problems = List.copyOf(problems);
    }
}
