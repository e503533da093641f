package org.switchboard.server.history;

import org.switchboard.server.storage.BatchInsert;
import org.switchboard.server.storage.ColumnText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only timeline. Entries are inserted and never edited; the only update re-points the
 * partner of a case's entries when the case is linked to a partner, so the partner's events include
 * what happened while it was an unqualified lead.
 */
@Repository
public class HistoryRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<HistoryEntry.Change>> CHANGES = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT h.id, h.case_id, c.name AS case_name, h.partner_id, h.contact_id, h.author_id, u.display_name AS author_name,
                   h.kind, h.summary, h.body, h.changes, h.created_at
            FROM history_entry h LEFT JOIN crm_case c ON c.id = h.case_id LEFT JOIN app_user u ON u.id = h.author_id
            """;
    private static final String COLUMNS = "case_id, partner_id, contact_id, author_id, kind, summary, body, changes";
    private final JdbcClient jdbc;
    private final BatchInsert inserts;

    public HistoryRepository(JdbcClient jdbc, BatchInsert inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    /** A new entry: for a case (partner and contact are the case's at the time), or for a partner alone (caseId null). */
    public record NewEntry(Long caseId, Long partnerId, Long contactId, Long authorId, HistoryKind kind, String summary, String body,
            List<HistoryEntry.Change> changes) {
    }

    /** Inserts the entry, or holds it for {@link #flush} while a {@link HistoryBatch} is open on this thread. */
    public void append(NewEntry e) {
        HistoryBatch batch = HistoryBatch.current();
        if (batch != null) {
            batch.held.add(e);
            return;
        }
        jdbc.sql("INSERT INTO history_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)").params(row(e)).update();
    }

    /** Inserts the entries the open {@link HistoryBatch} holds, in the order they were appended, in one statement. */
    public void flush() {
        HistoryBatch batch = HistoryBatch.current();
        if (batch != null && !batch.held.isEmpty()) {
            inserts.insertRows("history_entry", COLUMNS, batch.held.stream().map(HistoryRepository::row).toList());
            batch.held.clear();
        }
    }

    private static Object[] row(NewEntry e) {
        return new Object[] {e.caseId(), e.partnerId(), e.contactId(), e.authorId(), e.kind().name(), ColumnText.shorten(e.summary(), 1000), e.body(),
                e.changes() == null || e.changes().isEmpty() ? null : JSON.writeValueAsString(e.changes())};
    }

    /** A case's history, newest first, keyset-paged by id. */
    public List<HistoryEntry> forCase(long caseId, Long beforeId, int limit) {
        flush();
        return page(" WHERE h.case_id = ?", List.of(caseId), beforeId, limit);
    }

    /**
     * A partner's events, newest first: entries of cases whose commercial partner it is (a company, or a
     * person with no company) and of cases where it is the contact.
     */
    public List<HistoryEntry> forPartner(long partnerId, Long beforeId, int limit) {
        flush();
        // Two index ranges merged by the database rather than an OR that defeats both indexes.
        String before = beforeId == null ? "" : " AND h.id < ?";
        List<Object> params = new ArrayList<>();
        params.add(partnerId);
        if (beforeId != null) {
            params.add(beforeId);
        }
        params.add(limit);
        params.add(partnerId);
        if (beforeId != null) {
            params.add(beforeId);
        }
        params.add(limit);
        params.add(limit);
        String ids = "SELECT id FROM (SELECT id FROM history_entry h WHERE h.partner_id = ?" + before + " ORDER BY id DESC LIMIT ?) a"
                + " UNION SELECT id FROM (SELECT id FROM history_entry h WHERE h.contact_id = ?"
                + before + " ORDER BY id DESC LIMIT ?) b";
        return jdbc.sql(SELECT + " WHERE h.id IN (SELECT id FROM (" + ids + ") u ORDER BY id DESC LIMIT ?) ORDER BY h.id DESC")
                .params(params).query(HistoryRepository::map).list();
    }

    /** Points every entry of a case at its (new) partner and contact. */
    public void repoint(long caseId, Long partnerId, Long contactId) {
        flush();
        jdbc.sql("UPDATE history_entry SET partner_id = ?, contact_id = ? WHERE case_id = ?").params(partnerId, contactId, caseId).update();
    }

    private List<HistoryEntry> page(String where, List<Object> params, Long beforeId, int limit) {
        List<Object> all = new ArrayList<>(params);
        String sql = SELECT + where;
        if (beforeId != null) {
            sql += " AND h.id < ?";
            all.add(beforeId);
        }
        all.add(limit);
        return jdbc.sql(sql + " ORDER BY h.id DESC LIMIT ?").params(all).query(HistoryRepository::map).list();
    }

    private static HistoryEntry map(ResultSet rs, int row) throws SQLException {
        String changes = rs.getString("changes");
        return new HistoryEntry(rs.getLong("id"), rs.getObject("case_id", Long.class), rs.getString("case_name"), rs.getObject("partner_id", Long.class),
                rs.getObject("contact_id", Long.class), rs.getObject("author_id", Long.class), rs.getString("author_name"),
                HistoryKind.valueOf(rs.getString("kind")), rs.getString("summary"), rs.getString("body"),
                changes == null ? List.of() : JSON.readValue(changes, CHANGES),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

}
