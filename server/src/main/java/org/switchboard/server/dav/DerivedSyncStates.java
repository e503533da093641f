package org.switchboard.server.dav;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of {@code derived_sync_state}: the member list (names and ETags) behind each sync token of a
 * computed collection that was handed out, so that a later sync-collection can be answered with a diff.
 */
@Repository
class DerivedSyncStates {
    /** States kept per user and collection; a client holding an older token syncs afresh. */
    static final int KEEP = 50;
    private final JdbcClient jdbc;

    DerivedSyncStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<byte[]> members(long userId, String collection, String digest) {
        return jdbc.sql("SELECT members FROM derived_sync_state WHERE user_id = ? AND collection = ? AND digest = ?")
                .params(userId, collection, digest).query((rs, i) -> rs.getBytes(1)).optional();
    }

    /**
     * Keeps {@code members} under {@code digest} unless it is kept already. The digest is a function of the
     * members, so two nodes remembering the same state at once write the same row: the loser's duplicate
     * key is harmless.
     */
    void remember(long userId, String collection, String digest, byte[] members) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM derived_sync_state WHERE user_id = ? AND collection = ? AND digest = ?")
                .params(userId, collection, digest).query(Long.class).single() > 0;
        if (known) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO derived_sync_state (user_id, collection, digest, members) VALUES (?, ?, ?, ?)")
                    .params(userId, collection, digest, members).update();
        } catch (DuplicateKeyException e) {
            return;
        }
        jdbc.sql("""
                DELETE FROM derived_sync_state WHERE user_id = ? AND collection = ? AND digest NOT IN (
                    SELECT digest FROM (SELECT digest FROM derived_sync_state WHERE user_id = ? AND collection = ?
                                        ORDER BY created_at DESC, digest LIMIT ?) newest)
                """).params(userId, collection, userId, collection, KEEP).update();
    }
}
