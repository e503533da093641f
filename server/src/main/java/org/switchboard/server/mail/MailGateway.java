package org.switchboard.server.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.switchboard.mail.outbound.OutboxSender;
import org.switchboard.mail.outbound.RelayConfig;
import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.route.KnownRecipients;
import org.switchboard.mail.route.MailRouter;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.route.SenderRateLimit;
import org.switchboard.mail.smtp.ListenerConfig;
import org.switchboard.mail.smtp.MailListener;

/**
 * The running gateway: SMTP (and optionally LMTP) listeners, the router draining the spool, the outbox
 * sender and the mailbox pollers. Started last and stopped first by Spring, so the listeners close before
 * the database goes away; what was accepted is in the spool and routed by the next start.
 */
class MailGateway implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MailGateway.class);
    private final MailSettings settings;
    private final ReplyToken tokens;
    private final DatabaseInboundSpool spool;
    private final DatabaseMailDirectory directory;
    private final CaseMailSink sink;
    private final SpoolRouter router;
    private final DatabaseOutbox outbox;
    private final List<MailListener> listeners = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private MailboxFetchers mailboxes;
    private volatile boolean running;

    MailGateway(MailSettings settings, ReplyToken tokens, DatabaseInboundSpool spool, DatabaseMailDirectory directory, CaseMailSink sink,
            SpoolRouter router, DatabaseOutbox outbox) {
        this.settings = settings;
        this.tokens = tokens;
        this.spool = spool;
        this.directory = directory;
        this.sink = sink;
        this.router = router;
        this.outbox = outbox;
    }

    @Override
    public synchronized void start() {
        // checked first: a wrong mailbox entry stops the start before any port is bound
        StartTlsSetting.check(settings.starttls());
        if (settings.sendingLease().compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            // shorter than a slow send: a message still being sent would be claimed and sent again
            throw new IllegalStateException("switchboard.mail.sending-lease must be at least 1m, not " + settings.sendingLease());
        }
        MailboxFetchers fetchers = new MailboxFetchers(settings, spool);
        KnownRecipients recipients = new KnownRecipients(directory, tokens);
        try {
            listeners.add(listen(ListenerConfig.Protocol.SMTP, settings.smtp().host(), settings.smtp().port(), recipients));
            if (settings.lmtpPort() > 0) {
                listeners.add(listen(ListenerConfig.Protocol.LMTP, settings.smtp().host(), settings.lmtpPort(), recipients));
            }
        } catch (Exception e) {
            listeners.forEach(MailListener::close);
            listeners.clear();
            fetchers.close();
            throw new IllegalStateException("could not start the mail listener: " + e.getMessage(), e);
        }
        org.switchboard.mail.InboundProcessor processor = new org.switchboard.mail.InboundProcessor(new MessageParser(),
                new MailRouter(directory, tokens, SenderRateLimit.odooDefault()), sink);
        OutboxSender sender = new OutboxSender(outbox, relay(), tokens, Clock.systemUTC());
        int routers = Math.max(1, settings.routingThreads());
        scheduler = Executors.newScheduledThreadPool(routers + 1, r -> {
            Thread t = new Thread(r, "mail-gateway");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < routers; i++) {
            every(settings.routeEvery(), "routing", () -> router.routeDue(processor, 1000, settings.routingBatch(), settings.routingYield()));
        }
        every(settings.sendEvery(), "sending", () -> sender.drain(100));
        mailboxes = fetchers;
        mailboxes.start();
        running = true;
        log.info("mail gateway listening: SMTP on port {}{}", smtpPort(),
                settings.lmtpPort() > 0 ? ", LMTP on port " + settings.lmtpPort() : "");
    }

    private MailListener listen(ListenerConfig.Protocol protocol, String host, int port, KnownRecipients recipients) throws Exception {
        ListenerConfig config = ListenerConfig.defaults(protocol, settings.hostname()).withAddress(host, port);
        config = config.withLimits(settings.maxMessageSize(), config.maxConnectionsPerIp(), config.idleTimeoutSeconds());
        config = StartTlsSetting.apply(settings.starttls(), config);
        MailListener listener = new MailListener(config, spool, recipients);
        listener.start();
        return listener;
    }

    /** A failing task logs and runs again at the next tick (a scheduled task that throws would stop for good). */
    private void every(Duration period, String what, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("mail gateway {} failed: {}", what, e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private RelayConfig relay() {
        MailSettings.Relay r = settings.relay();
        return new RelayConfig(r.host(), r.port(), RelayConfig.Security.valueOf(r.security().toUpperCase(Locale.ROOT)),
                Optional.of(r.username()).filter(s -> !s.isBlank()), Optional.of(r.password()).filter(s -> !s.isBlank()),
                settings.hostname(), Duration.ofSeconds(30), RelayConfig.RetryPolicy.standard());
    }

    /** The SMTP listener's port (the bound one when configured as 0). */
    public synchronized int smtpPort() {
        return listeners.isEmpty() ? -1 : listeners.get(0).port();
    }

    @Override
    public synchronized void stop() {
        listeners.forEach(MailListener::close);
        listeners.clear();
        if (mailboxes != null) {
            mailboxes.close();
            mailboxes = null;
        }
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
