package org.switchboard.server.mail;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.mail.*}: every key is documented in docs/mail-gateway.md. Off by default, so a plain
 * start (and every test that does not ask for mail) opens no mail port.
 *
 * @param enabled          start the listeners, the router and the outbox sender
 * @param hostname         our name: SMTP greeting, Received header, right-hand side of our Message-IDs
 * @param smtp             the SMTP listener (receiving directly as MX, or from any MTA)
 * @param lmtpPort         an LMTP listener for Postfix ({@code lmtp:inet:host:port}); 0 = none
 * @param maxMessageSize   bytes; bigger messages are refused with 552
 * @param replyTokenSecret at least 32 characters, the same on every node; demo mode generates one
 * @param defaultFrom      From address of answers from a case whose team has no alias
 * @param relay            the SMTP relay outgoing mail goes through
 * @param mailboxes        existing mailboxes polled over IMAP or POP3
 * @param routeEvery       how often the router looks for spooled messages
 * @param sendEvery        how often the outbox is drained
 * @param pollEvery        how often the mailboxes are polled
 * @param maxAttachmentSize attachments above this keep their hash and size, not their bytes
 * @param routingThreads   spooled messages routed in parallel (each batch in its own transaction, rows claimed with SKIP LOCKED)
 * @param routingBatch     spooled messages routed per transaction (a failing batch is redone one message per transaction)
 */
@ConfigurationProperties("switchboard.mail")
public record MailSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("localhost") String hostname,
        @DefaultValue Listener smtp,
        @DefaultValue("0") int lmtpPort,
        @DefaultValue("26214400") long maxMessageSize,
        @DefaultValue("") String replyTokenSecret,
        @DefaultValue("") String defaultFrom,
        @DefaultValue Relay relay,
        @DefaultValue List<Mailbox> mailboxes,
        @DefaultValue("200ms") Duration routeEvery,
        @DefaultValue("5s") Duration sendEvery,
        @DefaultValue("60s") Duration pollEvery,
        @DefaultValue("10485760") long maxAttachmentSize,
        @DefaultValue("2") int routingThreads,
        @DefaultValue("50") int routingBatch) {

    /** @param host interface to bind; @param port 0 picks a free port (tests) */
    public record Listener(@DefaultValue("0.0.0.0") String host, @DefaultValue("2525") int port) {
    }

    /** @param security NONE, STARTTLS or TLS */
    public record Relay(@DefaultValue("localhost") String host, @DefaultValue("25") int port, @DefaultValue("") String username,
            @DefaultValue("") String password, @DefaultValue("NONE") String security) {
    }

    /**
     * @param protocol   IMAP or POP3
     * @param deliverTo  the alias the fetched mail is routed as if sent to
     * @param afterFetch MARK_SEEN (IMAP) or DELETE
     */
    public record Mailbox(String protocol, @DefaultValue("false") boolean tls, String host, int port, String username,
            String password, @DefaultValue("INBOX") String folder, String deliverTo, @DefaultValue("DELETE") String afterFetch) {
    }
}
