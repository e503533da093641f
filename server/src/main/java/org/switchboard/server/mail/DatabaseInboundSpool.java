package org.switchboard.server.mail;

import org.switchboard.server.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.InboundSpool;
import org.switchboard.mail.spi.SpoolReceipt;
import org.switchboard.mail.spi.SpoolUnavailableException;

/**
 * The inbound spool in {@code inbound_message}. {@link #store} returns once the row is committed, so the
 * listener may answer 250. Concurrent stores are committed together ({@link GroupCommit}): the messages
 * that arrive while one transaction commits are inserted and committed in the next one, and each caller
 * returns only after the commit that holds its row (ADR 0010). A redelivery (same Message-ID, hash and
 * recipients) is recognised by a unique key, so two nodes receiving the same message concurrently store it once.
 */
@Component
class DatabaseInboundSpool implements InboundSpool, DisposableBean {
    /** Most messages in one transaction: 16 SMTP handler threads plus the pollers rarely queue more. */
    static final int MAX_GROUP = 64;
    /** How long a session waits for its commit before it answers 451 (the client then retries). */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final GroupCommit<Incoming, SpoolReceipt> groups = new GroupCommit<>("mail-spool-commit", MAX_GROUP, 1024, this::commitGroup);

    /** A received message waiting for its group's commit. */
    record Incoming(InboundEnvelope envelope, String recipientsKey, byte[] bytes) {
    }

    DatabaseInboundSpool(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public SpoolReceipt store(InboundEnvelope envelope, InputStream raw) throws SpoolUnavailableException {
        try {
            Incoming incoming = new Incoming(envelope, recipientsKey(envelope.recipients()), raw.readAllBytes());
            return groups.submit(incoming, COMMIT_TIMEOUT);
        } catch (IOException e) {
            throw new SpoolUnavailableException("message not readable: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new SpoolUnavailableException("spool not available: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SpoolUnavailableException("spool commit took longer than " + COMMIT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpoolUnavailableException("interrupted while storing", e);
        }
    }

    /**
     * Inserts a group in one transaction and answers each message after the commit. A redelivery in the
     * group makes its INSERT fail, which spoils the whole transaction (PostgreSQL aborts it): it is rolled
     * back and each message is then stored on its own, where a duplicate key is answered with the stored id.
     * Any other failure (database away, commit failed) fails every message of the group: none is stored,
     * each session answers 451 and its client retries.
     */
    void commitGroup(List<GroupCommit.Pending<Incoming, SpoolReceipt>> group) {
        List<Long> ids;
        try {
            ids = tx.execute(status -> group.stream().map(p -> insertReceived(p.item())).toList());
        } catch (DuplicateKeyException redeliveryInGroup) {
            group.forEach(this::storeAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).complete(new SpoolReceipt(Long.toString(ids.get(i)), false));
        }
    }

    private void storeAlone(GroupCommit.Pending<Incoming, SpoolReceipt> pending) {
        Incoming m = pending.item();
        try {
            try {
                pending.complete(new SpoolReceipt(Long.toString(insertReceived(m)), false)); // auto-committed
            } catch (DuplicateKeyException redelivered) {
                pending.complete(new SpoolReceipt(existing(m.envelope().redeliveryKey(), m.recipientsKey()).orElseThrow().toString(), true));
            }
        } catch (RuntimeException e) {
            pending.fail(e);
        }
    }

    private long insertReceived(Incoming m) {
        return insert(m.envelope(), "RECEIVED", m.envelope().redeliveryKey(), m.recipientsKey(), m.bytes());
    }

    @Override
    public void destroy() {
        groups.close();
    }

    private Optional<Long> existing(String redeliveryKey, String recipientsKey) {
        return jdbc.sql("SELECT id FROM inbound_message WHERE redelivery_key = ? AND recipients_key = ?")
                .params(redeliveryKey, recipientsKey).query(Long.class).optional();
    }

    /**
     * A message that needs no routing (a user handed it in and said where it goes): stored ROUTED, in the
     * caller's transaction. {@code key} replaces the redelivery key, to say what makes it a repeat.
     */
    long insertRouted(InboundEnvelope envelope, String key, byte[] bytes) {
        return insert(envelope, "ROUTED", cut(key, 1100), recipientsKey(envelope.recipients()), bytes);
    }

    private long insert(InboundEnvelope e, String state, String redeliveryKey, String recipientsKey, byte[] bytes) {
        OffsetDateTime received = e.receivedAt().atOffset(ZoneOffset.UTC);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inbound_message (state, transport, remote, sender, recipients, recipients_key, message_id, sha256,
                    redelivery_key, size_bytes, raw, received_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(state, e.transport(), cut(e.remote(), 300), e.sender().map(s -> cut(s, 600)).orElse(null),
                        String.join("\n", e.recipients()), recipientsKey, e.messageId().map(id -> cut(id, 998)).orElse(null),
                        e.sha256(), redeliveryKey, (long) bytes.length, bytes, received, received)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Recipients in a stable order, hashed: the same message to other recipients is another delivery. */
    static String recipientsKey(List<String> recipients) {
        String joined = String.join("\n", recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).sorted().toList());
        return Sha256.hex(joined);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
