package org.switchboard.server.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.api.ApiException;

/** The recorded routing decisions with their spooled message, newest first: what the API and the mail pages list. */
@Component
class RoutingDecisions {
    static final Set<String> KINDS = Set.of("NEW_CASE", "REPLY", "BOUNCE", "DROPPED", "DEAD_LETTER", "HANDED_IN");
    private final JdbcClient jdbc;

    RoutingDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param state DEAD for a dead letter not replayed yet; lastError why routing failed, when it did */
    record Decision(long id, long inboundId, String kind, Long caseId, Long outboxId, String summary, Instant decidedAt,
            String messageId, String sender, String recipients, String state) {
        public boolean replayable() {
            return "DEAD".equals(state);
        }
    }

    /** @param kind null for all; else one of {@link #KINDS} (any case), anything else is refused */
    List<Decision> list(String kind, int limit) {
        String k = kind == null || kind.isBlank() ? null : kind.strip().toUpperCase(Locale.ROOT);
        if (k != null && !KINDS.contains(k)) {
            throw ApiException.invalid("kind", "one of " + KINDS.stream().sorted().toList());
        }
        int n = Math.max(1, Math.min(limit, 1000));
        String where = k == null ? "" : " WHERE d.kind = ?";
        var query = jdbc.sql("""
                SELECT d.id, d.inbound_id, d.kind, d.case_id, d.outbox_id, d.summary, d.decided_at, m.message_id, m.sender, m.recipients, m.state
                FROM routing_decision d JOIN inbound_message m ON m.id = d.inbound_id""" + where + " ORDER BY d.id DESC LIMIT " + n);
        if (k != null) {
            query = query.param(k);
        }
        return query.query((rs, row) -> new Decision(rs.getLong("id"), rs.getLong("inbound_id"), rs.getString("kind"),
                (Long) rs.getObject("case_id", Long.class), (Long) rs.getObject("outbox_id", Long.class), rs.getString("summary"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant(), rs.getString("message_id"), rs.getString("sender"),
                rs.getString("recipients"), rs.getString("state"))).list();
    }
}
