package org.switchboard.mail.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.spi.OutboundMessage;
import org.switchboard.mail.spi.Outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

/**
 * Drains the {@link Outbox} through the SMTP relay: claim → send → mark sent. A message is marked sent only
 * after the relay accepted it. A crash between send and mark leaves the entry claimed; the outbox decides
 * when it may be claimed again (the server's after a lease). Its Message-ID is fixed by the outbox id, so a
 * second send is the same message to the recipients' clients.
 *
 * <p>Temporary failures (connection refused, 4xx) are retried with exponential backoff; a 5xx from the
 * relay, an invalid header value or address, or exhausted retries fail the message for good.
 */
public final class OutboxSender {

    private final Outbox outbox;
    private final RelayConfig relay;
    private final MessageComposer composer;
    private final Clock clock;

    public OutboxSender(Outbox outbox, RelayConfig relay, ReplyToken tokens, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.composer = new MessageComposer(tokens, relay.messageIdDomain());
        this.clock = clock;
    }

    /** Sends every message that is due now, at most {@code max}; returns how many the relay accepted. */
    public int drain(int max) {
        int sent = 0;
        for (int i = 0; i < max; i++) {
            Optional<OutboundMessage> next = outbox.claimNext(clock.instant());
            if (next.isEmpty()) {
                break;
            }
            if (send(next.get())) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(OutboundMessage message) {
        Session session = Session.getInstance(properties());
        MessageComposer.Composed composed;
        try {
            composed = composer.compose(session, message);
        } catch (InvalidMessageException e) {
            outbox.markFailed(message.id(), "not sendable: " + e.getMessage(), Optional.empty());
            return false;
        } catch (MessagingException e) {
            outbox.markFailed(message.id(), "not sendable: " + e.getMessage(), Optional.empty());
            return false;
        }
        try {
            transmit(session, composed);
        } catch (MessagingException e) {
            failed(message, e);
            return false;
        }
        outbox.markSent(message.id(), composed.messageId(), clock.instant());
        return true;
    }

    private void transmit(Session session, MessageComposer.Composed composed) throws MessagingException {
        try (Transport transport = session.getTransport(protocol())) {
            transport.connect(relay.host(), relay.port(), relay.username().orElse(null), relay.password().orElse(null));
            transport.sendMessage(composed.message(), composed.recipients());
        }
    }

    private void failed(OutboundMessage message, MessagingException e) {
        int failures = message.attempts() + 1;
        boolean permanent = permanentReply(e);
        Optional<Duration> delay = permanent ? Optional.empty() : relay.retry().delayAfter(failures);
        Optional<Instant> retryAt = delay.map(d -> clock.instant().plus(d));
        String error = (permanent ? "relay refused: " : "attempt " + failures + " failed: ") + describe(e);
        outbox.markFailed(message.id(), error, retryAt);
    }

    /** A 5xx reply (RFC 5321 §4.2.1: permanent negative completion) anywhere in the exception chain. */
    private static boolean permanentReply(Throwable e) {
        for (Throwable t = e; t != null; t = nextOf(t)) {
            int code = t instanceof SMTPSendFailedException ? ((SMTPSendFailedException) t).getReturnCode()
                    : t instanceof SMTPAddressFailedException ? ((SMTPAddressFailedException) t).getReturnCode() : 0;
            if (code >= 500) {
                return true;
            }
        }
        return false;
    }

    private static Throwable nextOf(Throwable t) {
        if (t instanceof MessagingException && ((MessagingException) t).getNextException() != null) {
            return ((MessagingException) t).getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }

    private String protocol() {
        return relay.security() == RelayConfig.Security.TLS ? "smtps" : "smtp";
    }

    private Properties properties() {
        String p = "mail." + protocol();
        Properties props = new Properties();
        props.put(p + ".host", relay.host());
        props.put(p + ".port", String.valueOf(relay.port()));
        props.put(p + ".connectiontimeout", String.valueOf(relay.timeout().toMillis()));
        props.put(p + ".timeout", String.valueOf(relay.timeout().toMillis()));
        props.put(p + ".writetimeout", String.valueOf(relay.timeout().toMillis()));
        props.put(p + ".auth", String.valueOf(relay.username().isPresent()));
        props.put(p + ".localhost", relay.messageIdDomain());
        if (relay.security() == RelayConfig.Security.STARTTLS) {
            props.put(p + ".starttls.enable", "true");
            props.put(p + ".starttls.required", "true");
        }
        if (relay.security() != RelayConfig.Security.NONE) {
            props.put(p + ".ssl.checkserveridentity", "true");
        }
        return props;
    }
}
