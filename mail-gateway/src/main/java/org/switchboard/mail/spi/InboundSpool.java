package org.switchboard.mail.spi;

import java.io.InputStream;

/**
 * Durable store of raw inbound messages. Implemented by the server.
 *
 * <p>The listeners call {@link #store} after the end of DATA and answer {@code 250} only when it
 * returned: the implementation must have <em>committed</em> the bytes (fsync / database commit) before
 * returning. Any exception is reported to the client as a temporary failure ({@code 451}).
 *
 * <p>Routing happens later, out of the SMTP transaction: the server reads spooled messages
 * (e.g. {@code FOR UPDATE SKIP LOCKED}) and hands each to {@link org.switchboard.mail.InboundProcessor}.
 */
public interface InboundSpool {

    /**
     * Stores the message. {@code raw} is the complete message (our {@code Received:} trace header first),
     * readable once; it may be larger than memory, so stream it.
     *
     * <p>If a message with the same {@link InboundEnvelope#redeliveryKey()} and the same recipients was
     * stored before, return its id with {@code redelivery = true} and store nothing.
     */
    SpoolReceipt store(InboundEnvelope envelope, InputStream raw) throws SpoolUnavailableException;
}
