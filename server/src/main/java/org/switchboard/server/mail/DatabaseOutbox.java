package org.switchboard.server.mail;

import org.switchboard.server.storage.ColumnText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.mail.spi.OutboundCalendar;
import org.switchboard.mail.spi.OutboundMessage;
import org.switchboard.mail.spi.Outbox;

/**
 * The outbox in {@code outbox_message}. A claim moves a due QUEUED row to SENDING in its own transaction
 * and starts a lease ({@code claimed_at}). A row still SENDING when its lease ran out was claimed by a node
 * that stopped mid-send: it is claimed again and sent with the same Message-ID, counted in
 * {@code lease_expiries} (ADR 0015: the relay may already have it, and recipients' clients fold a
 * repeated Message-ID into one message; losing it silently would be worse). After
 * {@value #MAX_LEASE_EXPIRIES} expiries the row fails for good: something in it stops every node that sends it.
 */
@Component
class DatabaseOutbox implements Outbox {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutbox.class);
    static final int MAX_LEASE_EXPIRIES = 3;
    private static final String COLUMNS = """
            SELECT id, case_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, reply_alias,
                in_reply_to, refs, attempts, lease_expiries, calendar_method, calendar_data
            FROM outbox_message""";
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration lease;

    DatabaseOutbox(JdbcClient jdbc, TransactionTemplate tx, MailSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.lease = settings.sendingLease();
    }

    @Override
    public Optional<OutboundMessage> claimNext(Instant now) {
        return tx.execute(status -> {
            OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
            Optional<OutboundMessage> expired = reclaimExpired(at);
            if (expired.isPresent()) {
                return expired;
            }
            Optional<OutboundMessage> next = jdbc.sql(COLUMNS + " WHERE state = 'QUEUED' AND retry_at <= ? ORDER BY retry_at, id LIMIT 1"
                    + Claims.SKIP_LOCKED).param(at).query(DatabaseOutbox::map).optional();
            next.ifPresent(m -> jdbc.sql("UPDATE outbox_message SET state = 'SENDING', claimed_at = ? WHERE id = ?")
                    .params(at, Long.parseLong(m.id())).update());
            return next;
        });
    }

    /**
     * The oldest row whose lease ran out, claimed again (a new lease); rows that ran out of leases too
     * often are failed on the way. Few rows are ever SENDING, so this costs one short index range.
     */
    private Optional<OutboundMessage> reclaimExpired(OffsetDateTime now) {
        while (true) {
            Optional<Expired> found = jdbc.sql("SELECT id, lease_expiries FROM outbox_message WHERE state = 'SENDING' AND claimed_at < ? "
                    + "ORDER BY claimed_at, id LIMIT 1" + Claims.SKIP_LOCKED).param(now.minus(lease))
                    .query((rs, n) -> new Expired(rs.getLong(1), rs.getInt(2))).optional();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Expired e = found.get();
            int expiries = e.expiries() + 1;
            if (expiries > MAX_LEASE_EXPIRIES) {
                log.warn("outbox message {}: its claim expired {} times, failing it", e.id(), expiries);
                jdbc.sql("UPDATE outbox_message SET state = 'FAILED', lease_expiries = ?, last_error = ? WHERE id = ?")
                        .params(expiries, "its sending node stopped " + expiries + " times without a result; not sent again automatically",
                                e.id()).update();
                continue;
            }
            log.warn("outbox message {}: claimed {} ago and never marked; sending it again with the same Message-ID", e.id(), lease);
            jdbc.sql("UPDATE outbox_message SET claimed_at = ?, lease_expiries = ?, last_error = ? WHERE id = ?")
                    .params(now, expiries, "claim expired (the sending node stopped?); sent again with the same Message-ID, "
                            + "recipients may get it twice", e.id()).update();
            return jdbc.sql(COLUMNS + " WHERE id = ?").param(e.id()).query(DatabaseOutbox::map).optional();
        }
    }

    private record Expired(long id, int expiries) {
    }

    @Override
    public void markSent(String id, String messageId, Instant sentAt) {
        // after a lease expiry the note that it may have gone out twice stays
        jdbc.sql("UPDATE outbox_message SET state = 'SENT', sent_at = ?, message_id = ?, "
                + "last_error = CASE WHEN lease_expiries > 0 THEN last_error ELSE NULL END WHERE id = ?")
                .params(sentAt.atOffset(ZoneOffset.UTC), messageId, Long.parseLong(id)).update();
    }

    @Override
    public void markFailed(String id, String error, Optional<Instant> retryAt) {
        String text = ColumnText.shorten(error, 2000);
        if (retryAt.isPresent()) {
            jdbc.sql("UPDATE outbox_message SET state = 'QUEUED', attempts = attempts + 1, last_error = ?, retry_at = ? WHERE id = ?")
                    .params(text, retryAt.get().atOffset(ZoneOffset.UTC), Long.parseLong(id)).update();
        } else {
            jdbc.sql("UPDATE outbox_message SET state = 'FAILED', attempts = attempts + 1, last_error = ? WHERE id = ?")
                    .params(text, Long.parseLong(id)).update();
        }
    }

    private static OutboundMessage map(ResultSet rs, int row) throws SQLException {
        long caseId = rs.getLong("case_id");
        Optional<Long> caseRef = rs.wasNull() ? Optional.empty() : Optional.of(caseId);
        return new OutboundMessage(Long.toString(rs.getLong("id")), rs.getString("from_address"), rs.getString("from_name"),
                lines(rs.getString("to_addresses")), lines(rs.getString("cc_addresses")), List.of(), rs.getString("subject"),
                rs.getString("body_text"), Optional.empty(), caseRef, Optional.ofNullable(rs.getString("reply_alias")),
                Optional.ofNullable(rs.getString("in_reply_to")), lines(rs.getString("refs")), false, List.of(), rs.getInt("attempts"),
                calendar(rs.getString("calendar_method"), rs.getString("calendar_data")));
    }

    /** A meeting invitation's iTIP part (docs/calendar.md#scheduling). */
    private static Optional<OutboundCalendar> calendar(String method, String data) {
        return method == null || data == null ? Optional.empty()
                : Optional.of(new OutboundCalendar(method, data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }
}
