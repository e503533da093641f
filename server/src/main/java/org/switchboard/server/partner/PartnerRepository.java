package org.switchboard.server.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.server.storage.BatchInsert;
import org.switchboard.server.storage.Categories;
import org.switchboard.server.storage.Like;

@Repository
public class PartnerRepository {
    private static final String SELECT = """
            SELECT p.id, p.kind, p.name, p.company_id, c.name AS company_name, p.job_title, p.phone, p.mobile, p.street,
                   p.zip, p.city, p.country, p.website, p.categories, p.notes, p.archived, p.created_at, p.updated_at, p.version
            FROM partner p LEFT JOIN partner c ON c.id = p.company_id
            """;
    private final JdbcClient jdbc;
    private final BatchInsert inserts;

    public PartnerRepository(JdbcClient jdbc, BatchInsert inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    public Optional<Partner> find(long id) {
        List<Partner> found = withEmails(jdbc.sql(SELECT + " WHERE p.id = ?").param(id).query(PartnerRepository::map).list());
        return found.stream().findFirst();
    }

    /** Filters for the partner list; null means "any". */
    public record Filter(String text, PartnerKind kind, Long companyId, String category, boolean includeArchived) {
    }

    /** One page ordered by name then id, starting after (afterName, afterId) when given. */
    public List<Partner> list(Filter filter, String afterName, Long afterId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!filter.includeArchived()) {
            sql.append(" AND NOT p.archived");
        }
        if (filter.kind() != null) {
            sql.append(" AND p.kind = ?");
            params.add(filter.kind().name());
        }
        if (filter.companyId() != null) {
            sql.append(" AND p.company_id = ?");
            params.add(filter.companyId());
        }
        if (filter.category() != null) {
            sql.append(" AND p.categories LIKE ? ESCAPE '\\'");
            params.add(Categories.likePattern(filter.category()));
        }
        if (filter.text() != null) {
            String pattern = Like.contains(filter.text().toLowerCase(Locale.ROOT));
            sql.append(" AND (lower(p.name) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM partner_email e WHERE e.partner_id = p.id AND e.address LIKE ? ESCAPE '\\'))");
            params.add(pattern);
            params.add(pattern);
        }
        if (afterId != null) {
            sql.append(" AND (p.name > ? OR (p.name = ? AND p.id > ?))");
            params.add(afterName);
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY p.name, p.id LIMIT ?");
        params.add(limit);
        return withEmails(jdbc.sql(sql.toString()).params(params).query(PartnerRepository::map).list());
    }

    public List<Partner> contacts(long companyId) {
        return withEmails(jdbc.sql(SELECT + " WHERE p.company_id = ? AND NOT p.archived ORDER BY p.name, p.id").param(companyId)
                .query(PartnerRepository::map).list());
    }

    /** Partners owning this normalised address, people before companies. */
    public List<Partner> findByEmail(String address) {
        List<Long> ids = jdbc.sql("""
                SELECT p.id FROM partner_email e JOIN partner p ON p.id = e.partner_id
                WHERE e.address = ? AND NOT p.archived ORDER BY CASE p.kind WHEN 'PERSON' THEN 0 ELSE 1 END, p.id
                """).param(address).query(Long.class).list();
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** A company whose name equals this one, ignoring case and surrounding blanks. */
    public Optional<Partner> findCompanyByName(String name) {
        return jdbc.sql("SELECT id FROM partner WHERE kind = 'COMPANY' AND NOT archived AND lower(name) = ? ORDER BY id LIMIT 1")
                .param(name.trim().toLowerCase(Locale.ROOT)).query(Long.class).optional().flatMap(this::find);
    }

    public long insert(PartnerDraft d) {
        return insertAll(List.of(d)).get(0);
    }

    /**
     * Inserts partners in one batch (an import creates thousands; one statement each would cost a round
     * trip each) and returns their ids in order. A person's company must already have its id.
     */
    public List<Long> insertAll(List<PartnerDraft> drafts) {
        return insertAll(drafts, null);
    }

    /** The same with the ids {@link #allocateIds} took for them, or null to have them generated. */
    public List<Long> insertAll(List<PartnerDraft> drafts, List<Long> allocated) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = drafts.stream().map(d -> new Object[] {d.kind.name(), d.name, d.companyId, d.jobTitle, d.phone, d.mobile,
                d.street, d.zip, d.city, d.country, d.website, Categories.encode(d.categories), d.notes, d.archived}).toList();
        String columns = "kind, name, company_id, job_title, phone, mobile, street, zip, city, country, website, categories, notes, archived";
        List<Long> ids = allocated;
        if (ids == null) {
            ids = inserts.insert("partner", columns, rows);
        } else {
            inserts.insertWithIds("partner", columns, ids, rows);
        }
        List<Object[]> emails = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            emailRows(ids.get(i), drafts.get(i).emails, emails);
        }
        writeEmails(emails);
        recordChanges(ids);
        return ids;
    }

    /** Whether {@link #allocateIds} can take ids before the partners are written (PostgreSQL). */
    public boolean allocatesIds() {
        return inserts.allocatesIds();
    }

    /** Ids for partners to be written later with {@link #insertAll(List, List)}. */
    public List<Long> allocateIds(int count) {
        return inserts.allocateIds("partner", count);
    }

    /** Updates when the stored version is still {@code expectedVersion}; false when someone else won. */
    public boolean update(long id, PartnerDraft d, int expectedVersion) {
        int rows = jdbc.sql("""
                UPDATE partner SET kind = ?, name = ?, company_id = ?, job_title = ?, phone = ?, mobile = ?, street = ?, zip = ?,
                       city = ?, country = ?, website = ?, categories = ?, notes = ?, archived = ?, updated_at = CURRENT_TIMESTAMP,
                       version = version + 1
                WHERE id = ? AND version = ?
                """).params(d.kind.name(), d.name, d.companyId, d.jobTitle, d.phone, d.mobile, d.street, d.zip, d.city, d.country,
                d.website, Categories.encode(d.categories), d.notes, d.archived, id, expectedVersion).update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM partner_email WHERE partner_id = ?").param(id).update();
        writeEmails(id, d.emails);
        recordChanges(List.of(id));
        if (d.kind == PartnerKind.COMPANY) {
            // its contacts' cards name the company (ORG)
            jdbc.sql("INSERT INTO partner_change (partner_id) SELECT id FROM partner WHERE company_id = ?").param(id).update();
        }
        return true;
    }

    /**
     * Tells followers (the CRM address book, contact/) that these partners were written, in the writer's
     * transaction: whatever path wrote the partner (API, import, lead conversion, a vCard), they catch up.
     */
    private void recordChanges(List<Long> ids) {
        inserts.insertRows("partner_change", "partner_id", ids.stream().map(i -> new Object[] {i}).toList());
    }

    /** Several partners at once (missing ids are absent), in no particular order. */
    public List<Partner> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withEmails(jdbc.sql(SELECT + " WHERE p.id IN (:ids)").param("ids", ids).query(PartnerRepository::map).list());
    }

    private void writeEmails(long partnerId, List<String> emails) {
        List<Object[]> rows = new ArrayList<>();
        emailRows(partnerId, emails, rows);
        writeEmails(rows);
    }

    private static void emailRows(long partnerId, List<String> emails, List<Object[]> rows) {
        for (int i = 0; i < emails.size(); i++) {
            rows.add(new Object[] {partnerId, i, emails.get(i).trim(), EmailAddress.normalize(emails.get(i))});
        }
    }

    private void writeEmails(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            inserts.insertRows("partner_email", "partner_id, position, email, address", rows);
        }
    }

    private List<Partner> withEmails(List<Partner> partners) {
        if (partners.isEmpty()) {
            return partners;
        }
        Map<Long, List<String>> emails = new HashMap<>();
        List<Long> ids = partners.stream().map(Partner::id).toList();
        jdbc.sql("SELECT partner_id, email FROM partner_email WHERE partner_id IN (:ids) ORDER BY partner_id, position")
                .param("ids", ids)
                .query(rs -> {
                    emails.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return partners.stream().map(p -> new Partner(p.id(), p.kind(), p.name(), p.companyId(), p.companyName(), p.jobTitle(),
                List.copyOf(emails.getOrDefault(p.id(), List.of())), p.phone(), p.mobile(), p.street(), p.zip(), p.city(),
                p.country(), p.website(), p.categories(), p.notes(), p.archived(), p.createdAt(), p.updatedAt(), p.version())).toList();
    }

    private static Partner map(ResultSet rs, int row) throws SQLException {
        return new Partner(rs.getLong("id"), PartnerKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getObject("company_id", Long.class), rs.getString("company_name"), rs.getString("job_title"), List.of(),
                rs.getString("phone"), rs.getString("mobile"), rs.getString("street"), rs.getString("zip"), rs.getString("city"),
                rs.getString("country"), rs.getString("website"), Categories.decode(rs.getString("categories")), rs.getString("notes"),
                rs.getBoolean("archived"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getInt("version"));
    }
}
