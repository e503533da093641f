package org.switchboard.server.savedsearch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.switchboard.server.partner.PartnerKind;

@Repository
class SavedSearchRepository {
    private static final String SELECT = """
            SELECT s.id, s.owner_id, u.display_name AS owner_name, s.name, s.text_query, s.kind, s.category, s.shared, s.created_at
            FROM saved_search s JOIN app_user u ON u.id = s.owner_id
            """;
    private final JdbcClient jdbc;

    SavedSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's own searches and the shared ones, by name. */
    List<SavedSearch> visibleTo(long userId) {
        return jdbc.sql(SELECT + " WHERE s.owner_id = ? OR s.shared ORDER BY lower(s.name), s.id").param(userId).query(SavedSearchRepository::map).list();
    }

    Optional<SavedSearch> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query(SavedSearchRepository::map).optional();
    }

    boolean nameTaken(long ownerId, String name) {
        return jdbc.sql("SELECT count(*) FROM saved_search WHERE owner_id = ? AND name = ?").params(ownerId, name).query(Long.class).single() > 0;
    }

    long insert(long ownerId, String name, String text, PartnerKind kind, String category, boolean shared) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO saved_search (owner_id, name, text_query, kind, category, shared) VALUES (?, ?, ?, ?, ?, ?)")
                .params(ownerId, name, text, kind == null ? null : kind.name(), category, shared).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM saved_search WHERE id = ?").param(id).update();
    }

    private static SavedSearch map(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("kind");
        return new SavedSearch(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("owner_name"), rs.getString("name"),
                rs.getString("text_query"), kind == null ? null : PartnerKind.valueOf(kind), rs.getString("category"), rs.getBoolean("shared"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
