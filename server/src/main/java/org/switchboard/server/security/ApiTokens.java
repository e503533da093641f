package org.switchboard.server.security;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.switchboard.server.storage.Sha256;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Per-user API tokens for scripts and the connectors. The secret is shown once at creation; only its
 * SHA-256 is stored (a random 256-bit secret needs no slow hash), so a database leak reveals no token.
 * A token has a scope: {@value #FULL_SCOPE} may do what its user may; {@value #CONNECTOR_SCOPE} only what
 * a mail add-in needs ({@link TokenScopes}). A token may expire; a revoked or expired one authenticates nobody.
 */
@Service
public class ApiTokens {
    static final String PREFIX = "sb_";
    public static final String FULL_SCOPE = "api";
    public static final String CONNECTOR_SCOPE = "connector";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;

    public ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token as listed to its owner: never the secret. */
    public record TokenInfo(long id, String name, String scope, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
            Instant expiresAt) {
    }

    /** A newly created token: the only time the secret is returned. */
    public record IssuedToken(TokenInfo info, String token) {
    }

    /** Who a live token speaks for, and what it may do. */
    public record Bearer(SwitchboardUser user, String scope) {
    }

    public IssuedToken issue(long userId, String name, String scope) {
        return issue(userId, name, scope, null);
    }

    /** A token that stops working at {@code expiresAt} (null: never). */
    public IssuedToken issue(long userId, String name, String scope, Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (user_id, name, token_hash, scope, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(userId, name, hash(token), scope, expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC)).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        return new IssuedToken(list(userId).stream().filter(t -> t.id() == id).findFirst().orElseThrow(), token);
    }

    public List<TokenInfo> list(long userId) {
        return jdbc.sql("SELECT id, name, scope, created_at, last_used_at, revoked_at, expires_at FROM api_token WHERE user_id = ? ORDER BY id")
                .param(userId)
                .query((rs, i) -> new TokenInfo(rs.getLong("id"), rs.getString("name"), rs.getString("scope"),
                        instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_used_at", OffsetDateTime.class)),
                        instant(rs.getObject("revoked_at", OffsetDateTime.class)),
                        instant(rs.getObject("expires_at", OffsetDateTime.class))))
                .list();
    }

    /** Revokes one of the user's tokens; false when she has no such token. */
    public boolean revoke(long userId, long tokenId) {
        return jdbc.sql("UPDATE api_token SET revoked_at = CURRENT_TIMESTAMP WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(tokenId, userId).update() > 0;
    }

    /** The active user a live token belongs to, and its scope. Records use at most once a minute, not on every call. */
    public Optional<Bearer> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        record Row(long id, String scope, OffsetDateTime lastUsed, User user) {
        }
        // One query with the user: every API request with a token runs it.
        Optional<Row> row = jdbc.sql("SELECT t.id AS token_id, t.scope, t.last_used_at, " + UserRepository.JOINED_COLUMNS
                + " FROM api_token t JOIN app_user u ON u.id = t.user_id"
                + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.active")
                .params(hash, OffsetDateTime.now(ZoneOffset.UTC))
                .query((rs, i) -> new Row(rs.getLong("token_id"), rs.getString("scope"), rs.getObject("last_used_at", OffsetDateTime.class),
                        UserRepository.map(rs, i)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().lastUsed() == null || row.get().lastUsed().toInstant().isBefore(Instant.now().minusSeconds(60))) {
            jdbc.sql("UPDATE api_token SET last_used_at = CURRENT_TIMESTAMP WHERE id = ?").param(row.get().id()).update();
        }
        return Optional.of(new Bearer(SwitchboardUser.of(row.get().user(), null), row.get().scope()));
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
