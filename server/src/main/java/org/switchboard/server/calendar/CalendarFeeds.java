package org.switchboard.server.calendar;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.storage.Sha256;

/**
 * The secret feed tokens ({@code calendar_feed}): one per user, 256 random bits shown once, stored as
 * SHA-256 like API tokens (a random secret needs no slow hash). Making a new one replaces the old one.
 */
@Repository
class CalendarFeeds {
    static final String PREFIX = "sbf_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;

    CalendarFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token for the user; any earlier one stops working. */
    @Transactional
    String issue(long userId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("DELETE FROM calendar_feed WHERE user_id = ?").param(userId).update();
        jdbc.sql("INSERT INTO calendar_feed (user_id, token_hash) VALUES (?, ?)").params(userId, Sha256.hex(token)).update();
        return token;
    }

    boolean revoke(long userId) {
        return jdbc.sql("DELETE FROM calendar_feed WHERE user_id = ?").param(userId).update() > 0;
    }

    /** When the user's feed was made, if she has one. */
    Optional<Instant> createdAt(long userId) {
        return jdbc.sql("SELECT created_at FROM calendar_feed WHERE user_id = ?").param(userId).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }

    /** The active user a live token belongs to. */
    Optional<Long> userOf(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT f.user_id FROM calendar_feed f JOIN app_user u ON u.id = f.user_id WHERE f.token_hash = ? AND u.active")
                .param(Sha256.hex(token)).query(Long.class).optional();
    }

    /**
     * The feed's Last-Modified for content with this digest: unchanged while the digest is, else now —
     * strictly later than the previous one, so that a client that read the old content within the same
     * second still sees it modified (HTTP dates have whole seconds).
     */
    Instant lastModified(long userId, String digest) {
        record Row(String digest, OffsetDateTime changedAt) {
        }
        Optional<Row> row = jdbc.sql("SELECT content_digest, content_changed_at FROM calendar_feed WHERE user_id = ?").param(userId)
                .query((rs, i) -> new Row(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).optional();
        Instant previous = row.map(Row::changedAt).map(OffsetDateTime::toInstant).orElse(null);
        if (row.isPresent() && digest.equals(row.get().digest()) && previous != null) {
            return previous;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant changed = previous != null && !now.isAfter(previous) ? previous.plusSeconds(1) : now;
        jdbc.sql("UPDATE calendar_feed SET content_digest = ?, content_changed_at = ? WHERE user_id = ?")
                .params(digest, OffsetDateTime.ofInstant(changed, ZoneOffset.UTC), userId).update();
        return changed;
    }
}
