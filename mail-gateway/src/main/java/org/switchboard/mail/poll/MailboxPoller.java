package org.switchboard.mail.poll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.switchboard.mail.parse.MessageIds;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.InboundSpool;
import org.switchboard.mail.spi.SpoolReceipt;
import org.switchboard.mail.spi.SpoolUnavailableException;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

/**
 * Fetches mail from an existing IMAP or POP3 mailbox into the {@link InboundSpool}. A message is marked
 * seen (IMAP) or deleted (IMAP, POP3) only after the spool returned, so a failure leaves it on the server
 * to be fetched again; the spool's redelivery check makes the second fetch harmless. Bodies are fetched
 * with {@code BODY.PEEK[]} so that reading alone never sets {@code \Seen} (RFC 3501 §6.4.5).
 */
public final class MailboxPoller {

    private final MailboxConfig config;
    private final InboundSpool spool;

    public MailboxPoller(MailboxConfig config, InboundSpool spool) {
        this.config = config;
        this.spool = spool;
    }

    /** Connects, takes every new message, disconnects. Call it on a schedule. */
    public PollResult pollOnce() throws MessagingException {
        try (Store store = connect()) {
            Folder folder = store.getFolder(config.protocol() == MailboxConfig.Protocol.POP3 ? "INBOX" : config.folder());
            folder.open(Folder.READ_WRITE);
            boolean expunge = config.afterFetch() == MailboxConfig.AfterFetch.DELETE;
            try {
                return fetchNew(folder);
            } finally {
                // POP3 deletes on QUIT, IMAP expunges on CLOSE (RFC 1939 §6, RFC 3501 §6.4.2)
                folder.close(expunge);
            }
        }
    }

    Store connect() throws MessagingException {
        Store store = Session.getInstance(properties()).getStore(config.storeProtocol());
        store.connect(config.host(), config.port(), config.username(), config.password());
        return store;
    }

    /** Takes every new message of an open folder; marks it seen or deleted once the spool has it. */
    PollResult fetchNew(Folder folder) throws MessagingException {
        int stored = 0;
        int redeliveries = 0;
        List<String> left = new ArrayList<>();
        Message[] messages = config.protocol() == MailboxConfig.Protocol.IMAP
                ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))
                : folder.getMessages();
        for (Message message : messages) {
            if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            if (message.getSize() > config.maxMessageSize()) {
                left.add(message.getMessageNumber() + ": larger than " + config.maxMessageSize() + " bytes");
                continue;
            }
            SpoolReceipt receipt;
            try {
                receipt = store(message);
            } catch (SpoolUnavailableException e) {
                // the spool is down: stop here, everything not yet stored stays on the server
                left.add(message.getMessageNumber() + ": spool unavailable");
                break;
            }
            if (receipt.redelivery()) {
                redeliveries++;
            } else {
                stored++;
            }
            message.setFlag(config.afterFetch() == MailboxConfig.AfterFetch.DELETE ? Flags.Flag.DELETED : Flags.Flag.SEEN, true);
        }
        return new PollResult(stored, redeliveries, left);
    }

    private SpoolReceipt store(Message message) throws MessagingException, SpoolUnavailableException {
        byte[] raw;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
            message.writeTo(out);
            raw = out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("could not read message " + message.getMessageNumber(), e);
        }
        String[] returnPath = message.getHeader("Return-Path");
        Optional<String> sender = returnPath == null ? Optional.empty()
                : MessageIds.first(returnPath[0]).filter(s -> s.contains("@"));
        String[] messageId = message.getHeader("Message-ID");
        InboundEnvelope envelope = new InboundEnvelope(sender, List.of(config.deliverTo()), config.protocol().name(),
                config.username() + "@" + config.host() + "/" + config.folder(),
                messageId == null ? Optional.empty() : MessageIds.first(messageId[0]),
                sha256(raw), raw.length, Instant.now());
        try {
            return spool.store(envelope, new ByteArrayInputStream(raw));
        } catch (RuntimeException e) {
            throw new SpoolUnavailableException("spool failed", e);
        }
    }

    private Properties properties() {
        String p = "mail." + config.storeProtocol();
        Properties props = new Properties();
        props.put(p + ".connectiontimeout", String.valueOf(config.timeout().toMillis()));
        props.put(p + ".timeout", String.valueOf(config.timeout().toMillis()));
        props.put(p + ".peek", "true");
        if (config.tls()) {
            props.put(p + ".ssl.checkserveridentity", "true");
        }
        return props;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
