package org.switchboard.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waiting for what the server does in the background (routing, sending, indexing): polls until a value comes. */
public final class Eventually {
    private Eventually() {
    }

    /** The first non-null value of {@code probe} within 20 seconds. */
    public static <T> T eventually(Supplier<T> probe) {
        return within(Duration.ofSeconds(20), "timed out", probe);
    }

    /** The first non-null value of {@code probe}, polled every 100 ms; fails with {@code failure} after {@code limit}. */
    public static <T> T within(Duration limit, String failure, Supplier<T> probe) {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(failure);
    }
}
