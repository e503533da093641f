package org.switchboard.server.calendar;

import static org.switchboard.server.storage.Timestamps.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a user's consolidated items from the cases and calls. Read-only SQL over the tables of
 * opportunity/ and phonecall/: one statement per calendar, each one index range
 * ({@code crm_case_responsible}, {@code phone_call_queue}), so each answer is one consistent snapshot.
 */
@Repository
class ConsolidatedItems {
    private final JdbcClient jdbc;

    ConsolidatedItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ConsolidatedItem> of(ConsolidatedKind kind, long userId) {
        return switch (kind) {
            case NEXT_ACTIONS -> jdbc.sql("""
                    SELECT id, version, name, next_action, next_action_date, partner_name, contact_name, phone, updated_at FROM crm_case
                    WHERE responsible_id = ? AND NOT closed AND next_action_date IS NOT NULL ORDER BY id""")
                    .param(userId).query((rs, i) -> caseItem(rs, kind, rs.getString("next_action"), "next_action_date")).list();
            case CLOSING -> jdbc.sql("""
                    SELECT id, version, name, expected_closing, partner_name, contact_name, phone, updated_at FROM crm_case
                    WHERE responsible_id = ? AND type = 'OPPORTUNITY' AND NOT closed AND expected_closing IS NOT NULL ORDER BY id""")
                    .param(userId).query((rs, i) -> caseItem(rs, kind, null, "expected_closing")).list();
            case CALLS -> jdbc.sql("""
                    SELECT id, version, summary, due_at, partner_name, contact_name, phone, updated_at FROM phone_call
                    WHERE state = 'TODO' AND responsible_id = ? AND due_at IS NOT NULL ORDER BY id""")
                    .param(userId).query((rs, i) -> new ConsolidatedItem(kind, rs.getLong("id"), rs.getInt("version"), null,
                            rs.getString("summary"), who(rs), rs.getString("phone"), null, instant(rs, "due_at"), instant(rs, "updated_at")))
                    .list();
        };
    }

    private static ConsolidatedItem caseItem(ResultSet rs, ConsolidatedKind kind, String title, String dateColumn) throws SQLException {
        return new ConsolidatedItem(kind, rs.getLong("id"), rs.getInt("version"), title, rs.getString("name"), who(rs),
                rs.getString("phone"), rs.getObject(dateColumn, LocalDate.class), null, instant(rs, "updated_at"));
    }

    private static String who(ResultSet rs) throws SQLException {
        String partner = rs.getString("partner_name");
        String contact = rs.getString("contact_name");
        if (partner == null) {
            return contact;
        }
        return contact == null ? partner : contact + ", " + partner;
    }

}
