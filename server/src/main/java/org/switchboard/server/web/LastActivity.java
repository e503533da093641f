package org.switchboard.server.web;

import java.time.Duration;

/**
 * When something last happened on this server, for background work that gives way to it while it goes on
 * (requests being served, mail arriving). One volatile write per event.
 */
public class LastActivity {
    private volatile long last = System.nanoTime() - Duration.ofDays(1).toNanos();

    public void mark() {
        last = System.nanoTime();
    }

    /** Whether it happened within {@code window} from now. */
    public boolean within(Duration window) {
        return System.nanoTime() - last < window.toNanos();
    }
}
