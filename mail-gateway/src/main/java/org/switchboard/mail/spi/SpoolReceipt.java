package org.switchboard.mail.spi;

/**
 * Answer of {@link InboundSpool#store}.
 *
 * @param spoolId    durable id of the stored message (for a redelivery: the id of the first copy)
 * @param redelivery true when the same Message-ID and content hash were already stored for the same
 *                   recipients; the listener still answers 250 (so the sender stops retrying) but the message
 *                   must not be routed a second time
 */
public record SpoolReceipt(String spoolId, boolean redelivery) {
}
