package org.switchboard.mail.smtp;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code id} of our {@code Received:} lines: unique per message, for finding one in logs and headers. It was a
 * random UUID, which costs a draw from the operating system's SecureRandom on every accepted message and
 * guarantees nothing more here: the id is a label, not a secret (the spool id is the message's key). Now a
 * random prefix drawn once per start plus a counter, base 36: {@code <prefix>.<counter>}.
 */
final class TraceIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    TraceIds() {
        // 8 base-36 digits (about 41 bits) tell one start of the listener from another
        this.prefix = Long.toString(new SecureRandom().nextLong() >>> 23, 36);
    }

    String next() {
        return prefix + "." + Long.toString(next.incrementAndGet(), 36);
    }
}
