package org.switchboard.mail.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What we know about an inbound message apart from its bytes.
 *
 * @param sender         envelope sender (MAIL FROM / Return-Path); empty for the null sender {@code <>}
 * @param recipients     envelope recipients that were accepted at RCPT (or the mailbox's alias when polled)
 * @param transport      "SMTP", "LMTP", "IMAP" or "POP3"
 * @param remote         peer address or mailbox name, for the audit trail
 * @param messageId      the Message-ID header as received, without angle brackets, if any
 * @param sha256         hex SHA-256 of the message bytes as the client sent them (before our trace header)
 * @param size           size in bytes of what is stored
 * @param receivedAt     when the end of data was seen
 */
public record InboundEnvelope(
        Optional<String> sender,
        List<String> recipients,
        String transport,
        String remote,
        Optional<String> messageId,
        String sha256,
        long size,
        Instant receivedAt) {

    public InboundEnvelope {
        recipients = List.copyOf(recipients);
    }

    /** The key that identifies a redelivery of the same message: Message-ID plus content hash. */
    public String redeliveryKey() {
        return messageId.orElse("") + "|" + sha256;
    }

    public InboundEnvelope withRecipients(List<String> newRecipients) {
        return new InboundEnvelope(sender, newRecipients, transport, remote, messageId, sha256, size, receivedAt);
    }
}
