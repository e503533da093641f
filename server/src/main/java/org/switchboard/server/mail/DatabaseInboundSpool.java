package org.switchboard.server.mail;

import org.switchboard.server.storage.Database;
import org.switchboard.server.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
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
 * The inbound spool in {@code inbound_message}. Each store is one auto-committed INSERT: when it returns, the
 * row is committed and the listener may answer 250. Concurrent sessions' commits already share WAL flushes
 * in PostgreSQL; a group commit of our own measured slower (ADR 0010). A redelivery (same Message-ID, hash and recipients) is
 * recognised by a unique key, so two nodes receiving the same message concurrently store it once. A message
 * to route also gets its row in {@code inbound_due}, in the same commit (ADR 0021).
 */
@Component
class DatabaseInboundSpool implements InboundSpool {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final boolean postgres;
    private final MailArrivals arrivals;

    DatabaseInboundSpool(JdbcClient jdbc, TransactionTemplate tx, Database database, MailArrivals arrivals) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.postgres = database.postgres();
        this.arrivals = arrivals;
    }

    @Override
    public SpoolReceipt store(InboundEnvelope envelope, InputStream raw) throws SpoolUnavailableException {
        String recipientsKey = recipientsKey(envelope.recipients());
        try {
            byte[] bytes = raw.readAllBytes();
            try {
                SpoolReceipt stored = new SpoolReceipt(Long.toString(insertDue(envelope, recipientsKey, bytes)), false);
                arrivals.mark();
                return stored;
            } catch (DuplicateKeyException redelivered) {
                // Redeliveries are rare: one round trip for the common case, the lookup only when the key exists.
                return new SpoolReceipt(existing(envelope.redeliveryKey(), recipientsKey).orElseThrow().toString(), true);
            }
        } catch (IOException | DataAccessException e) {
            throw new SpoolUnavailableException("spool not available: " + e.getMessage(), e);
        }
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

    /**
     * Stores a message to route: the spool row and its {@code inbound_due} row, committed together. On PostgreSQL
     * one auto-committed statement (a data-modifying WITH), so the SMTP path still costs one round trip; H2 has
     * no such statement and takes a transaction of two.
     */
    private long insertDue(InboundEnvelope e, String recipientsKey, byte[] bytes) {
        if (postgres) {
            return jdbc.sql("WITH m AS (" + INSERT + " RETURNING id, next_attempt_at) "
                            + "INSERT INTO inbound_due (inbound_id, next_attempt_at) SELECT id, next_attempt_at FROM m RETURNING inbound_id")
                    .params(values(e, "RECEIVED", e.redeliveryKey(), recipientsKey, bytes)).query(Long.class).single();
        }
        Long id = tx.execute(status -> {
            long inserted = insert(e, "RECEIVED", e.redeliveryKey(), recipientsKey, bytes);
            jdbc.sql("INSERT INTO inbound_due (inbound_id, next_attempt_at) VALUES (?, ?)")
                    .params(inserted, e.receivedAt().atOffset(ZoneOffset.UTC)).update();
            return inserted;
        });
        return id;
    }

    private static final String INSERT = """
            INSERT INTO inbound_message (state, transport, remote, sender, recipients, recipients_key, message_id, sha256,
                redelivery_key, size_bytes, raw, received_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private long insert(InboundEnvelope e, String state, String redeliveryKey, String recipientsKey, byte[] bytes) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT).params(values(e, state, redeliveryKey, recipientsKey, bytes)).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static List<Object> values(InboundEnvelope e, String state, String redeliveryKey, String recipientsKey, byte[] bytes) {
        OffsetDateTime received = e.receivedAt().atOffset(ZoneOffset.UTC);
        return Arrays.asList(state, e.transport(), cut(e.remote(), 300), e.sender().map(s -> cut(s, 600)).orElse(null),
                String.join("\n", e.recipients()), recipientsKey, e.messageId().map(id -> cut(id, 998)).orElse(null),
                e.sha256(), redeliveryKey, (long) bytes.length, bytes, received, received);
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
