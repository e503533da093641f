package org.switchboard.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.InboundSpool;
import org.switchboard.mail.spi.SpoolReceipt;

/**
 * Hands a received message to the {@link InboundSpool} and turns the outcome into the reply: {@code 250}
 * only once the spool has committed, {@code 451} when it could not, {@code 552} when the message outgrew
 * the size limit.
 */
final class SpoolWriter {

    private final InboundSpool spool;
    private final String transport;

    SpoolWriter(InboundSpool spool, String transport) {
        this.spool = spool;
        this.transport = transport;
    }

    HookResult store(SMTPSession session, MailEnvelope mail, List<MailAddress> recipients) {
        SpoolingEnvelope envelope = (SpoolingEnvelope) mail;
        if (envelope.exceeded() || DataFlags.of(session).sizeExceeded) {
            return Replies.tooBig();
        }
        if (envelope.broken()) {
            return Replies.tryLater("Message could not be received");
        }
        InboundEnvelope described = envelope.describe(transport, remote(session), recipients);
        try (InputStream raw = envelope.getMessageInputStream()) {
            SpoolReceipt receipt = spool.store(described, raw);
            return Replies.ok(receipt.redelivery()
                    ? "2.0.0 Already received as " + receipt.spoolId()
                    : "2.0.0 Message accepted as " + receipt.spoolId());
        } catch (IOException | RuntimeException | org.switchboard.mail.spi.SpoolUnavailableException e) {
            return Replies.tryLater("Message could not be stored");
        }
    }

    private static String remote(SMTPSession session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
