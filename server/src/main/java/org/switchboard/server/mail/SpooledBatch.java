package org.switchboard.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.mail.spi.InboundEnvelope;

/**
 * Reads the claimed messages of a routing batch from the spool in one query: each one's envelope, whether it has
 * a routing decision already, and the bytes of those of at most {@value #READ_TOGETHER} bytes. Reading them one by
 * one was a statement per routed message. A larger message's bytes are read only when its turn comes
 * ({@link #raw}), so a batch holds at most one large message in memory besides the small ones (50 × 64 KB at most).
 */
@Component
class SpooledBatch {
    static final int READ_TOGETHER = 64 * 1024;
    private final JdbcClient jdbc;

    SpooledBatch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param raw the message's bytes, null when it is large and {@link #raw} reads them */
    record Stored(long id, InboundEnvelope envelope, byte[] raw, boolean decided) {
    }

    /** The messages in the order of {@code ids}; a row that is missing fails the batch (it was claimed, so it exists). */
    List<Stored> read(List<Long> ids) {
        Map<Long, Stored> byId = new HashMap<>();
        List<Stored> rows = jdbc.sql("""
                SELECT m.id, m.transport, m.remote, m.sender, m.recipients, m.message_id, m.sha256, m.size_bytes, m.received_at,
                       CASE WHEN m.size_bytes <= :small THEN m.raw END AS raw,
                       EXISTS (SELECT 1 FROM routing_decision d WHERE d.inbound_id = m.id) AS decided
                FROM inbound_message m WHERE m.id IN (:ids)""")
                .param("small", READ_TOGETHER).param("ids", ids)
                .query((rs, row) -> stored(rs)).list();
        rows.forEach(s -> byId.put(s.id(), s));
        List<Stored> ordered = new ArrayList<>(ids.size());
        for (long id : ids) {
            Stored s = byId.get(id);
            if (s == null) {
                throw new IllegalStateException("inbound message " + id + " was claimed but is not in the spool");
            }
            ordered.add(s);
        }
        return ordered;
    }

    /** The bytes of a message {@link #read} left out. */
    byte[] raw(long id) {
        return jdbc.sql("SELECT raw FROM inbound_message WHERE id = ?").param(id).query((rs, row) -> rs.getBytes(1)).single();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        List<String> recipients = Arrays.asList(rs.getString("recipients").split("\n"));
        InboundEnvelope envelope = new InboundEnvelope(Optional.ofNullable(rs.getString("sender")), recipients, rs.getString("transport"),
                rs.getString("remote"), Optional.ofNullable(rs.getString("message_id")), rs.getString("sha256"), rs.getLong("size_bytes"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant());
        return new Stored(rs.getLong("id"), envelope, rs.getBytes("raw"), rs.getBoolean("decided"));
    }
}
