package org.switchboard.server.mail;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * When this node last stored an incoming message. While mail is arriving, routing waits (within a bound,
 * {@code switchboard.mail.routing-yield}) and leaves the cores to accepting it: the sending server waits for
 * our 250, the lead can be made a few seconds later (ADR 0026). One volatile write per message.
 */
@Component
class MailArrivals {
    private volatile long lastStored = System.nanoTime() - Duration.ofDays(1).toNanos();

    void stored() {
        lastStored = System.nanoTime();
    }

    boolean within(Duration window) {
        return System.nanoTime() - lastStored < window.toNanos();
    }
}
