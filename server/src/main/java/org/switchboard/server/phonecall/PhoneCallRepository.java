package org.switchboard.server.phonecall;

import static org.switchboard.server.storage.Timestamps.instant;
import static org.switchboard.server.storage.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.server.storage.BatchInsert;

/** The {@code phone_call} table. Partner and contact names are kept on the row so lists need no join to partner. */
@Repository
public class PhoneCallRepository {
    static final String SELECT = """
            SELECT pc.*, c.name AS case_name, u.display_name AS responsible_name
            FROM phone_call pc LEFT JOIN crm_case c ON c.id = pc.case_id LEFT JOIN app_user u ON u.id = pc.responsible_id
            """;
    private final JdbcClient jdbc;

    private final BatchInsert inserts;

    public PhoneCallRepository(JdbcClient jdbc, BatchInsert inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    public Optional<PhoneCall> find(long id) {
        return jdbc.sql(SELECT + " WHERE pc.id = ?").param(id).query(PhoneCallRepository::map).optional();
    }

    /** Filters of the call lists; null means any. */
    public record Filter(CallDirection direction, CallState state, Long responsibleId, boolean dueOnly, Long campaignId, Long partnerId) {
    }

    /** Newest first, keyset-paged by id. */
    public List<PhoneCall> list(Filter f, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.direction() != null) {
            sql.append(" AND pc.direction = ?");
            params.add(f.direction().name());
        }
        if (f.state() != null) {
            sql.append(" AND pc.state = ?");
            params.add(f.state().name());
        }
        if (f.responsibleId() != null) {
            sql.append(" AND pc.responsible_id = ?");
            params.add(f.responsibleId());
        }
        if (f.dueOnly()) {
            sql.append(" AND pc.state = 'TODO' AND pc.due_at <= ?");
            params.add(now());
        }
        if (f.campaignId() != null) {
            sql.append(" AND pc.campaign_id = ?");
            params.add(f.campaignId());
        }
        if (f.partnerId() != null) {
            sql.append(" AND (pc.partner_id = ? OR pc.contact_id = ?)");
            params.add(f.partnerId());
            params.add(f.partnerId());
        }
        if (beforeId != null) {
            sql.append(" AND pc.id < ?");
            params.add(beforeId);
        }
        sql.append(" ORDER BY pc.id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(PhoneCallRepository::map).list();
    }

    public long insert(CallDraft d, String fingerprint) {
        return insertAll(List.of(d), java.util.Collections.singletonList(fingerprint)).get(0);
    }

    /** Inserts calls in one batch (a call-list import writes thousands); ids in order. */
    public List<Long> insertAll(List<CallDraft> drafts, List<String> fingerprints) {
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            CallDraft d = drafts.get(i);
            rows.add(new Object[] {d.direction.name(), d.state.name(), d.summary, d.partnerId, d.contactId, d.caseId, d.campaignId,
                    d.partnerName, d.contactName, d.phone, d.category, d.notes, d.responsibleId, d.teamId, d.priority, utc(d.callDate),
                    d.durationMinutes, utc(d.dueAt), fingerprints.get(i)});
        }
        return inserts.insert("phone_call", "direction, state, summary, partner_id, contact_id, case_id, campaign_id, partner_name,"
                + " contact_name, phone, category, notes, responsible_id, team_id, priority, call_date, duration_minutes, due_at, fingerprint", rows);
    }

    /** Writes the editable fields when the stored version is still {@code expectedVersion}. */
    public boolean update(long id, CallDraft d, int expectedVersion) {
        return jdbc.sql("""
                UPDATE phone_call SET direction = ?, summary = ?, partner_id = ?, contact_id = ?, case_id = ?, partner_name = ?,
                       contact_name = ?, phone = ?, category = ?, notes = ?, responsible_id = ?, team_id = ?, priority = ?, call_date = ?,
                       duration_minutes = ?, due_at = ?, updated_at = CURRENT_TIMESTAMP, version = version + 1
                WHERE id = ? AND version = ?
                """).params(d.direction.name(), d.summary, d.partnerId, d.contactId, d.caseId, d.partnerName, d.contactName, d.phone,
                d.category, d.notes, d.responsibleId, d.teamId, d.priority, utc(d.callDate), d.durationMinutes, utc(d.dueAt), id,
                expectedVersion).update() == 1;
    }

    /**
     * Records an outcome on a call that is still TODO at the attempt count the caller saw: a call closed
     * (or retried) by someone else in between is not overwritten, the caller gets false (a 409).
     */
    public boolean close(long id, int seenAttempts, CallState state, int attempts, Instant dueAt, String notes, String reason,
            Long caseId, Long convertedCaseId) {
        return jdbc.sql("""
                UPDATE phone_call SET state = ?, attempts = ?, due_at = ?, notes = ?, closed_reason = ?, case_id = ?,
                       converted_case_id = ?, call_date = ?, claimed_by = NULL, claimed_at = NULL,
                       updated_at = CURRENT_TIMESTAMP, version = version + 1
                WHERE id = ? AND state = 'TODO' AND attempts = ?
                """).params(state.name(), attempts, utc(dueAt), notes, reason, caseId, convertedCaseId, now(), id, seenAttempts)
                .update() == 1;
    }

    /** Links the opportunity a call was converted into; false when it already was. */
    public boolean markConverted(long id, long caseId) {
        return jdbc.sql("""
                UPDATE phone_call SET case_id = ?, converted_case_id = ?, updated_at = CURRENT_TIMESTAMP, version = version + 1
                WHERE id = ? AND converted_case_id IS NULL
                """).params(caseId, caseId, id).update() == 1;
    }

    public void setPartner(long id, long partnerId, Long contactId, String partnerName, String contactName) {
        jdbc.sql("""
                UPDATE phone_call SET partner_id = ?, contact_id = ?, partner_name = ?, contact_name = ?, updated_at = CURRENT_TIMESTAMP,
                       version = version + 1 WHERE id = ?
                """).params(partnerId, contactId, partnerName, contactName, id).update();
    }

    /** The call this operator claimed and has not closed yet, if any: opening the screen again shows it again. */
    public Optional<PhoneCall> claimedBy(long userId) {
        return jdbc.sql(SELECT + " WHERE pc.claimed_by = ? AND pc.state = 'TODO' ORDER BY pc.claimed_at LIMIT 1").param(userId)
                .query(PhoneCallRepository::map).optional();
    }

    public boolean fingerprintExists(long campaignId, String fingerprint) {
        return jdbc.sql("SELECT count(*) FROM phone_call WHERE campaign_id = ? AND fingerprint = ?").params(campaignId, fingerprint)
                .query(Long.class).single() > 0;
    }


    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }


    static PhoneCall map(ResultSet rs, int row) throws SQLException {
        return new PhoneCall(rs.getLong("id"), CallDirection.valueOf(rs.getString("direction")), CallState.valueOf(rs.getString("state")),
                rs.getString("summary"), rs.getObject("partner_id", Long.class), rs.getString("partner_name"),
                rs.getObject("contact_id", Long.class), rs.getString("contact_name"), rs.getObject("case_id", Long.class),
                rs.getString("case_name"), rs.getObject("campaign_id", Long.class), rs.getString("phone"), rs.getString("category"),
                rs.getString("notes"), rs.getObject("responsible_id", Long.class), rs.getString("responsible_name"),
                rs.getObject("team_id", Long.class), rs.getInt("priority"), instant(rs, "call_date"),
                rs.getObject("duration_minutes", Integer.class), instant(rs, "due_at"), rs.getInt("attempts"),
                rs.getObject("claimed_by", Long.class), instant(rs, "claimed_at"), rs.getString("closed_reason"),
                rs.getObject("converted_case_id", Long.class), instant(rs, "created_at"), rs.getInt("version"));
    }
}
