package org.switchboard.server.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.mail.poll.IdleNotSupportedException;
import org.switchboard.mail.poll.ImapIdleWatch;
import org.switchboard.mail.poll.MailboxConfig;
import org.switchboard.mail.poll.MailboxPoller;
import org.switchboard.mail.spi.InboundSpool;

/**
 * Fetches the configured mailboxes ({@code switchboard.mail.mailboxes}). An IMAP mailbox with {@code idle}
 * is watched with IDLE on a thread of its own, so mail arrives within a second instead of a poll interval;
 * after a connection error it reconnects with backoff, and a server without IDLE is polled instead. Other
 * mailboxes are polled. Either way a message is marked seen or deleted on the server only after our spool
 * committed it (the gateway's {@link MailboxPoller} does that), so nothing is lost when we crash mid-fetch.
 */
final class MailboxFetchers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailboxFetchers.class);
    /**
     * RFC 2177 §3: servers may drop a client idle for 30 minutes; and the socket's read timeout also runs
     * during IDLE, so IDLE is re-issued well before {@link #IDLE_TIMEOUT}.
     */
    private static final Duration REISSUE_IDLE = Duration.ofMinutes(4);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final List<Fetch> fetches;
    private final InboundSpool spool;
    private final ScheduledExecutorService pollers;
    private final List<IdleThread> watchers = new ArrayList<>();

    /** One configured mailbox, validated. */
    record Fetch(String name, MailboxConfig config, boolean idle, Duration pollEvery) {
    }

    MailboxFetchers(MailSettings settings, InboundSpool spool) {
        this.fetches = fetches(settings);
        this.spool = spool;
        this.pollers = Executors.newScheduledThreadPool(Math.max(1, fetches.size()), r -> {
            Thread t = new Thread(r, "mail-poll");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        for (Fetch fetch : fetches) {
            if (fetch.idle()) {
                IdleThread watcher = new IdleThread(fetch);
                watchers.add(watcher);
                watcher.start();
            } else {
                poll(fetch);
            }
        }
    }

    private void poll(Fetch fetch) {
        MailboxPoller poller = new MailboxPoller(fetch.config(), spool);
        long period = fetch.pollEvery().toMillis();
        try {
            // the first poll at once: mail that waited while we were down should not wait another interval
            pollers.scheduleWithFixedDelay(() -> {
                try {
                    poller.pollOnce();
                } catch (Exception e) { // a task that throws is never run again: log, and try at the next tick
                    log.warn("polling mailbox {} failed: {}", fetch.name(), e.getMessage());
                }
            }, 0, period, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // an IDLE watch fell back to polling while the gateway stops: nothing to poll any more
        }
    }

    @Override
    public void close() {
        watchers.forEach(IdleThread::shutdown);
        pollers.shutdownNow();
        try {
            pollers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Watches one IMAP mailbox with IDLE until shut down; reconnects after errors; falls back to polling. */
    private final class IdleThread extends Thread {
        private final Fetch fetch;
        private volatile boolean stopped;
        private volatile ImapIdleWatch current;

        IdleThread(Fetch fetch) {
            super("mail-idle " + fetch.name());
            setDaemon(true);
            this.fetch = fetch;
        }

        @Override
        public void run() {
            Duration backoff = FIRST_BACKOFF;
            while (!stopped) {
                Instant started = Instant.now();
                try (ImapIdleWatch watch = new ImapIdleWatch(fetch.config(), spool, REISSUE_IDLE)) {
                    current = watch;
                    if (stopped) {
                        return;
                    }
                    watch.run();
                } catch (IdleNotSupportedException e) {
                    log.info("mailbox {}: {}; polling it every {} instead", fetch.name(), e.getMessage(), fetch.pollEvery());
                    poll(fetch);
                    return;
                } catch (Exception e) {
                    if (stopped) {
                        return;
                    }
                    // a watch that ran a while was healthy: start the backoff over
                    if (Duration.between(started, Instant.now()).compareTo(MAX_BACKOFF) > 0) {
                        backoff = FIRST_BACKOFF;
                    }
                    log.warn("watching mailbox {} failed: {}; reconnecting in {} s", fetch.name(), e.getMessage(), backoff.toSeconds());
                    try {
                        Thread.sleep(backoff.toMillis());
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        }

        void shutdown() {
            stopped = true;
            ImapIdleWatch watch = current;
            if (watch != null) {
                watch.close(); // ends IDLE; run() returns
            }
            interrupt(); // ends a backoff sleep
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads and checks {@code switchboard.mail.mailboxes}; a wrong entry stops the start with the key that is wrong. */
    static List<Fetch> fetches(MailSettings settings) {
        List<Fetch> result = new ArrayList<>();
        for (int i = 0; i < settings.mailboxes().size(); i++) {
            result.add(fetch(settings, i));
        }
        return List.copyOf(result);
    }

    private static Fetch fetch(MailSettings settings, int i) {
        MailSettings.Mailbox b = settings.mailboxes().get(i);
        String key = "switchboard.mail.mailboxes[" + i + "].";
        String protocolName = required(b.protocol(), key + "protocol").toUpperCase(Locale.ROOT);
        MailboxConfig.Protocol protocol;
        boolean tls = b.tls();
        switch (protocolName) {
            case "IMAP" -> protocol = MailboxConfig.Protocol.IMAP;
            case "IMAPS" -> {
                protocol = MailboxConfig.Protocol.IMAP;
                tls = true;
            }
            case "POP3" -> protocol = MailboxConfig.Protocol.POP3;
            case "POP3S" -> {
                protocol = MailboxConfig.Protocol.POP3;
                tls = true;
            }
            default -> throw invalid(key + "protocol", "must be IMAP, IMAPS, POP3 or POP3S, not '" + b.protocol() + "'");
        }
        String host = required(b.host(), key + "host");
        if (b.port() < 0 || b.port() > 65535) {
            throw invalid(key + "port", "must be 1-65535 (0 or unset: the protocol's standard port), not " + b.port());
        }
        int port = b.port() != 0 ? b.port()
                : protocol == MailboxConfig.Protocol.IMAP ? (tls ? 993 : 143) : (tls ? 995 : 110);
        String username = required(b.username(), key + "username");
        String deliverTo = required(b.deliverTo(), key + "deliver-to").toLowerCase(Locale.ROOT);
        if (!deliverTo.matches("[^@\\s]+@[^@\\s]+")) {
            throw invalid(key + "deliver-to", "must be an alias address such as sales@crm.example.com, not '" + b.deliverTo() + "'");
        }
        MailboxConfig.AfterFetch afterFetch;
        try {
            afterFetch = MailboxConfig.AfterFetch.valueOf(b.afterFetch().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(key + "after-fetch", "must be MARK_SEEN or DELETE, not '" + b.afterFetch() + "'");
        }
        if (protocol == MailboxConfig.Protocol.POP3 && afterFetch == MailboxConfig.AfterFetch.MARK_SEEN) {
            throw invalid(key + "after-fetch", "POP3 has no seen flag: fetched messages are deleted (DELETE)");
        }
        Duration pollEvery = b.pollEvery() != null ? b.pollEvery() : settings.pollEvery();
        if (pollEvery.isNegative() || pollEvery.isZero()) {
            throw invalid(key + "poll-every", "must be positive");
        }
        String folder = b.folder() == null || b.folder().isBlank() ? "INBOX" : b.folder();
        boolean idle = b.idle() && protocol == MailboxConfig.Protocol.IMAP; // POP3 has no push: polled whatever idle says
        MailboxConfig config = new MailboxConfig(protocol, tls, host, port, username, b.password() == null ? "" : b.password(), folder,
                deliverTo, afterFetch, settings.maxMessageSize(), idle ? IDLE_TIMEOUT : POLL_TIMEOUT);
        return new Fetch(username + "@" + host + (protocol == MailboxConfig.Protocol.IMAP ? "/" + folder : ""), config, idle, pollEvery);
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw invalid(key, "is required");
        }
        return value.strip();
    }

    private static IllegalStateException invalid(String key, String problem) {
        return new IllegalStateException(key + " " + problem);
    }
}
