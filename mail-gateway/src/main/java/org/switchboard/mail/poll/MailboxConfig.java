package org.switchboard.mail.poll;

import java.time.Duration;

/**
 * An existing mailbox to fetch mail from.
 *
 * @param protocol       IMAP or POP3
 * @param tls            implicit TLS (imaps 993 / pop3s 995)
 * @param host           server
 * @param port           port
 * @param username       login
 * @param password       password
 * @param folder         IMAP folder, usually INBOX (POP3 has only INBOX)
 * @param deliverTo      the alias the fetched mail is routed as if sent to (per-mailbox alias mapping)
 * @param afterFetch     what happens on the server once the message is durably stored here
 * @param maxMessageSize bigger messages are left on the server and reported
 * @param timeout        connect and read timeout
 */
public record MailboxConfig(Protocol protocol, boolean tls, String host, int port, String username, String password,
                            String folder, String deliverTo, AfterFetch afterFetch, long maxMessageSize, Duration timeout) {

    public enum Protocol { IMAP, POP3 }

    public enum AfterFetch { MARK_SEEN, DELETE }

    public MailboxConfig {
        if (protocol == Protocol.POP3 && afterFetch == AfterFetch.MARK_SEEN) {
            throw new IllegalArgumentException("POP3 has no seen flag: fetched messages are deleted");
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
    }

    String storeProtocol() {
        return (protocol == Protocol.IMAP ? "imap" : "pop3") + (tls ? "s" : "");
    }
}
