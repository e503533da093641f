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
 * @param routingYield     while mail is arriving, routing waits until the oldest due message has waited this long (0 = never waits)
 * @param starttls         STARTTLS on the SMTP listener: off by default
 * @param partnerByDomain  link mail from an unknown address to the company of its domain (an alias can say otherwise)
 * @param publicDomains    domains never linked to a company (free mail providers); replaces the default list
 * @param sendingLease     an outbox row claimed longer ago than this and never marked was left by a node that stopped mid-send: it is sent again
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
        @DefaultValue("50") int routingBatch,
        @DefaultValue("10s") Duration routingYield,
        @DefaultValue StartTls starttls,
        @DefaultValue("10m") Duration sendingLease,
        @DefaultValue("false") boolean partnerByDomain,
        @DefaultValue({"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "msn.com",
                "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
                "proton.me", "protonmail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "t-online.de", "mail.com", "zoho.com",
                "yandex.com", "yandex.ru", "mail.ru", "orange.fr", "free.fr", "laposte.net", "libero.it", "qq.com", "163.com",
                "126.com", "naver.com", "fastmail.com", "tutanota.com", "hey.com"}) List<String> publicDomains) {

    /** @param host interface to bind; @param port 0 picks a free port (tests) */
    public record Listener(@DefaultValue("0.0.0.0") String host, @DefaultValue("2525") int port) {
    }

    /**
     * @param mode             SMTP listener: OFF, OPTIONAL (offered) or REQUIRED (MAIL before STARTTLS gets 530)
     * @param lmtpMode         LMTP listener, the same choices; OFF by default (the local MTA over 127.0.0.1 needs none)
     * @param keystore         PKCS#12 or JKS file with the certificate and its private key
     * @param keystorePassword the keystore's (and the key's) password
     * @param keystoreType     PKCS12 or JKS
     */
    public record StartTls(@DefaultValue("OFF") String mode, @DefaultValue("OFF") String lmtpMode, @DefaultValue("") String keystore,
            @DefaultValue("") String keystorePassword, @DefaultValue("PKCS12") String keystoreType) {
    }

    /** @param security NONE, STARTTLS or TLS */
    public record Relay(@DefaultValue("localhost") String host, @DefaultValue("25") int port, @DefaultValue("") String username,
            @DefaultValue("") String password, @DefaultValue("NONE") String security) {
    }

    /**
     * @param protocol   IMAP, IMAPS, POP3 or POP3S (the S forms imply {@code tls})
     * @param tls        implicit TLS (imaps 993 / pop3s 995)
     * @param deliverTo  the alias the fetched mail is routed as if sent to
     * @param afterFetch MARK_SEEN (IMAP) or DELETE
     * @param idle       IMAP: wait for new mail with IDLE instead of polling, when the server announces it
     * @param pollEvery  this mailbox's poll interval (without IDLE); empty: {@code switchboard.mail.poll-every}
     */
    public record Mailbox(String protocol, @DefaultValue("false") boolean tls, String host, int port, String username,
            String password, @DefaultValue("INBOX") String folder, String deliverTo, @DefaultValue("DELETE") String afterFetch,
            @DefaultValue("true") boolean idle, Duration pollEvery) {
    }
}
