package org.switchboard.server.mail;

import org.switchboard.server.storage.ColumnText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.mail.spi.OutboundCalendar;
import org.switchboard.mail.spi.OutboundMessage;
import org.switchboard.mail.spi.Outbox;

/**
 * The outbox in {@code outbox_message}. A claim moves a due QUEUED row to SENDING in its own transaction;
 * a SENDING row is never claimed again (a crash mid-send leaves it for a human: sending twice is worse
 * than asking), so nothing goes out twice and nothing is lost.
 */
@Component
class DatabaseOutbox implements Outbox {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DatabaseOutbox(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Optional<OutboundMessage> claimNext(Instant now) {
        return tx.execute(status -> {
            Optional<OutboundMessage> next = jdbc.sql("""
                    SELECT id, case_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, reply_alias,
                        in_reply_to, refs, attempts, calendar_method, calendar_data
                    FROM outbox_message WHERE state = 'QUEUED' AND retry_at <= ? ORDER BY retry_at, id LIMIT 1""" + Claims.SKIP_LOCKED)
                    .param(now.atOffset(ZoneOffset.UTC)).query(DatabaseOutbox::map).optional();
            next.ifPresent(m -> jdbc.sql("UPDATE outbox_message SET state = 'SENDING' WHERE id = ?").param(Long.parseLong(m.id())).update());
            return next;
        });
    }

    @Override
    public void markSent(String id, String messageId, Instant sentAt) {
        jdbc.sql("UPDATE outbox_message SET state = 'SENT', sent_at = ?, message_id = ?, last_error = NULL WHERE id = ?")
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
