package org.switchboard.server.opportunity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.switchboard.server.storage.Categories;
import org.switchboard.server.storage.TextSearch;

@Repository
public class OpportunityRepository {
    static final String SELECT = """
            SELECT c.id, c.type, c.name, c.partner_id, c.partner_name, c.contact_id, c.contact_name, c.email, c.phone, c.team_id,
                   t.name AS team_name, c.responsible_id, u.display_name AS responsible_name, c.stage_id, s.name AS stage_name,
                   c.probability, c.expected_revenue, c.currency, c.expected_closing, c.next_action_date, c.next_action, c.priority,
                   c.categories, c.description, c.state, c.lost_reason, c.opened_at, c.closed_at, c.created_at, c.updated_at, c.version
            FROM crm_case c
            LEFT JOIN team t ON t.id = c.team_id
            LEFT JOIN app_user u ON u.id = c.responsible_id
            LEFT JOIN stage s ON s.id = c.stage_id
            """;
    private final JdbcClient jdbc;
    private final TextSearch textSearch;

    public OpportunityRepository(JdbcClient jdbc, TextSearch textSearch) {
        this.jdbc = jdbc;
        this.textSearch = textSearch;
    }

    public Optional<Opportunity> find(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = ?").param(id).query(OpportunityRepository::map).optional();
    }

    /** One page of a list, and the SQL condition it used so the caller can count with the same one. */
    public List<Opportunity> list(OpportunityQuery query, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params, true);
        params.add(limit);
        return jdbc.sql(SELECT + where + " ORDER BY " + query.sort().orderBy() + " LIMIT ?").params(params)
                .query(OpportunityRepository::map).list();
    }

    /**
     * The ids of the first {@code cap + 1} matching cases in list order: one scan that gives a first page
     * and its count together, for queries (text searches) where each scan is the expensive part.
     */
    public List<Long> firstIds(OpportunityQuery query, long cap) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params, false);
        params.add(cap + 1);
        return jdbc.sql("SELECT c.id FROM crm_case c" + where + " ORDER BY " + query.sort().orderBy() + " LIMIT ?").params(params)
                .query(Long.class).list();
    }

    /** These cases, in the order of the ids given. */
    public List<Opportunity> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, Opportunity> byId = new java.util.HashMap<>();
        jdbc.sql(SELECT + " WHERE c.id IN (:ids)").param("ids", ids).query(OpportunityRepository::map).list()
                .forEach(o -> byId.put(o.id(), o));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** How many cases match, counting at most {@code cap + 1} rows so a huge table costs what a capped one does. */
    public long count(OpportunityQuery query, long cap) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params, false);
        params.add(cap + 1);
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM crm_case c" + where + " LIMIT ?) x").params(params)
                .query(Long.class).single();
    }

    private String where(OpportunityQuery q, List<Object> params, boolean withCursor) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (q.type() != null) {
            sql.append(" AND c.type = ?");
            params.add(q.type().name());
        }
        if (q.unassigned()) {
            sql.append(" AND c.responsible_id IS NULL");
        } else if (q.responsibleId() != null) {
            sql.append(" AND c.responsible_id = ?");
            params.add(q.responsibleId());
        }
        if (q.open() != null) {
            sql.append(" AND c.closed = ?");
            params.add(!q.open());
        }
        if (!q.states().isEmpty()) {
            sql.append(" AND c.state IN (").append(String.join(", ", q.states().stream().map(s -> "?").toList())).append(")");
            q.states().forEach(s -> params.add(s.name()));
        }
        if (q.stageId() != null) {
            sql.append(" AND c.stage_id = ?");
            params.add(q.stageId());
        }
        if (q.teamId() != null) {
            sql.append(" AND c.team_id = ?");
            params.add(q.teamId());
        }
        if (q.partnerId() != null) {
            sql.append(" AND (c.partner_id = ? OR c.contact_id = ?)");
            params.add(q.partnerId());
            params.add(q.partnerId());
        }
        if (q.category() != null) {
            sql.append(" AND c.categories LIKE ? ESCAPE '\\'");
            params.add(Categories.likePattern(q.category()));
        }
        String search = q.text() == null ? null : textSearch.parameter(q.text());
        if (search != null) {
            sql.append(" AND ").append(textSearch.condition("c"));
            params.add(search);
        }
        if (withCursor && q.after() != null) {
            sql.append(" AND ").append(q.sort().after());
            params.addAll(q.sort().cursorParams(q.after()));
        }
        return sql.toString();
    }

    public long insert(OpportunityDraft d, boolean closed, OffsetDateTime openedAt, OffsetDateTime closedAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO crm_case (type, name, partner_id, contact_id, partner_name, contact_name, email, email_address, phone, team_id,
                    responsible_id, stage_id, probability, expected_revenue, currency, expected_closing, next_action_date, next_action,
                    priority, categories, description, state, closed, lost_reason, search_text, opened_at, closed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(values(d, closed, openedAt, closedAt)).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** Writes the draft when the stored version is still {@code expectedVersion}; false when someone else won. */
    public boolean update(long id, OpportunityDraft d, boolean closed, OffsetDateTime openedAt, OffsetDateTime closedAt, int expectedVersion) {
        List<Object> params = new ArrayList<>(values(d, closed, openedAt, closedAt));
        params.add(id);
        params.add(expectedVersion);
        return jdbc.sql("""
                UPDATE crm_case SET type = ?, name = ?, partner_id = ?, contact_id = ?, partner_name = ?, contact_name = ?, email = ?,
                    email_address = ?, phone = ?, team_id = ?, responsible_id = ?, stage_id = ?, probability = ?, expected_revenue = ?,
                    currency = ?, expected_closing = ?, next_action_date = ?, next_action = ?, priority = ?, categories = ?,
                    description = ?, state = ?, closed = ?, lost_reason = ?, search_text = ?, opened_at = ?, closed_at = ?,
                    updated_at = CURRENT_TIMESTAMP, version = version + 1
                WHERE id = ? AND version = ?
                """).params(params).update() == 1;
    }

    private static List<Object> values(OpportunityDraft d, boolean closed, OffsetDateTime openedAt, OffsetDateTime closedAt) {
        List<Object> v = new ArrayList<>();
        v.add(d.type.name());
        v.add(d.name);
        v.add(d.partnerId);
        v.add(d.contactId);
        v.add(d.partnerName);
        v.add(d.contactName);
        v.add(d.email);
        v.add(org.switchboard.server.partner.EmailAddress.normalize(d.email));
        v.add(d.phone);
        v.add(d.teamId);
        v.add(d.responsibleId);
        v.add(d.stageId);
        v.add(d.probability == null ? BigDecimal.ZERO : d.probability);
        v.add(d.expectedRevenue);
        v.add(d.currency);
        v.add(d.expectedClosing);
        v.add(d.nextActionDate);
        v.add(d.nextAction);
        v.add(d.priority);
        v.add(Categories.encode(d.categories));
        v.add(d.description);
        v.add(d.state.name());
        v.add(closed);
        v.add(d.lostReason);
        v.add(TextSearch.document(d.name, d.partnerName, d.contactName, d.email));
        v.add(openedAt);
        v.add(closedAt);
        return v;
    }

    static Opportunity map(ResultSet rs, int row) throws SQLException {
        return new Opportunity(rs.getLong("id"), CaseType.valueOf(rs.getString("type")), rs.getString("name"),
                rs.getObject("partner_id", Long.class), rs.getString("partner_name"), rs.getObject("contact_id", Long.class),
                rs.getString("contact_name"), rs.getString("email"), rs.getString("phone"), rs.getObject("team_id", Long.class),
                rs.getString("team_name"), rs.getObject("responsible_id", Long.class), rs.getString("responsible_name"),
                rs.getObject("stage_id", Long.class), rs.getString("stage_name"), rs.getBigDecimal("probability"),
                rs.getBigDecimal("expected_revenue"), rs.getString("currency"), rs.getObject("expected_closing", LocalDate.class),
                rs.getObject("next_action_date", LocalDate.class), rs.getString("next_action"), rs.getInt("priority"),
                Categories.decode(rs.getString("categories")), rs.getString("description"), CaseState.valueOf(rs.getString("state")),
                rs.getString("lost_reason"), instant(rs, "opened_at"), instant(rs, "closed_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"), rs.getInt("version"));
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
