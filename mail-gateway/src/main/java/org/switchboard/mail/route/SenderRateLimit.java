package org.switchboard.mail.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Loop protection by counting: more than {@code limit} messages from one sender within {@code window}
 * (Odoo's default: 20 per 120 minutes) are treated as a loop. Kept in memory per node; the count restarts
 * with the process, which errs on the side of accepting mail.
 */
public final class SenderRateLimit {

    private static final int MAX_TRACKED_SENDERS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_TRACKED_SENDERS;
        }
    };

    public SenderRateLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    public static SenderRateLimit odooDefault() {
        return new SenderRateLimit(20, Duration.ofMinutes(120), Clock.systemUTC());
    }

    /** Counts one message from this sender; false when the sender is over the limit. */
    public synchronized boolean allow(String sender) {
        Instant now = clock.instant();
        Deque<Instant> times = seen.computeIfAbsent(sender.toLowerCase(Locale.ROOT), s -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
