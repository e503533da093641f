package org.switchboard.server.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {
    private static final String COLUMNS = "id, username, display_name, email, role, color, active, created_at";
    /** The columns {@link #map} reads, of {@code app_user} under the alias {@code u}: for queries that join a user in. */
    public static final String JOINED_COLUMNS = "u.id, u.username, u.display_name, u.email, u.role, u.color, u.active, u.created_at";
    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = ?").param(id).query(UserRepository::map).optional();
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?").param(username).query(UserRepository::map).optional();
    }

    /** The active user with this address (compared without case), for calendar attendees and organizers. */
    public Optional<User> findActiveByEmail(String address) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE lower(email) = ? AND active ORDER BY id LIMIT 1")
                .param(address.toLowerCase(java.util.Locale.ROOT)).query(UserRepository::map).optional();
    }

    public List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user ORDER BY display_name").query(UserRepository::map).list();
    }

    public List<User> findSellers() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE active AND role IN ('SALESPERSON', 'SALES_MANAGER') ORDER BY display_name")
                .query(UserRepository::map).list();
    }

    public Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE username = ? AND active").param(username)
                .query(String.class).optional();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    public long insert(String username, String displayName, String email, Role role, String color, String passwordHash) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, display_name, email, role, color, password_hash) VALUES (?, ?, ?, ?, ?, ?)")
                .params(username, displayName, email, role.name(), color, passwordHash)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("color"), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
