package org.switchboard.mail.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Outgoing mail queue. The server fills it (a salesperson answers from a case); the gateway's
 * {@link org.switchboard.mail.outbound.OutboxSender} drains it: claim, send, mark.
 *
 * <p>Claiming must be atomic across nodes ({@code FOR UPDATE SKIP LOCKED}) and durable. A message that
 * was claimed and neither marked sent nor failed (the node crashed mid-send) must not be handed out again
 * while another node may still be sending it; the server's outbox hands it out again only after a lease
 * far longer than any send, and the sender composes it with the same Message-ID, so a repeat is
 * recognisable as the same message.
 */
public interface Outbox {

    /** Atomically claims the next message whose retry time is due, or empty. */
    Optional<OutboundMessage> claimNext(Instant now);

    /** The relay accepted the message with this Message-ID. */
    void markSent(String id, String messageId, Instant sentAt);

    /**
     * Sending failed. With {@code retryAt} the message becomes claimable again at that time; without,
     * it failed permanently (relay said 5xx, or retries exhausted).
     */
    void markFailed(String id, String error, Optional<Instant> retryAt);
}
