package org.switchboard.server.phonecall;

import java.util.List;
import java.util.Optional;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.storage.Database;

/**
 * Claims the next due call for an operator so that two operators never get the same one: the only
 * dialect difference of the call centre. On PostgreSQL it is one statement, an UPDATE of the row that a
 * {@code FOR UPDATE SKIP LOCKED} sub-select picked (a concurrent claimer skips the locked row instead of
 * waiting for it). H2 has no SKIP LOCKED in a sub-select of an UPDATE, so there it is a conditional
 * UPDATE ({@code … AND claimed_by IS NULL}) of one of the first candidates, retried on the next when
 * another operator won the row: H2 re-checks the condition after the winner's commit, so the loser
 * updates nothing.
 */
@Component
class ClaimStatement {
    /** Calls I may claim: mine, or unassigned ones of my teams; due, to do, not claimed. */
    private static final String CLAIMABLE = """
            state = 'TODO' AND claimed_by IS NULL AND (due_at IS NULL OR due_at <= :now)
            AND (responsible_id = :me OR (responsible_id IS NULL AND team_id IN (SELECT team_id FROM team_member WHERE user_id = :me)))
            """;
    private static final String ORDER = " ORDER BY priority DESC, due_at, id";
    private static final int H2_CANDIDATES = 40;
    private final JdbcClient jdbc;
    private final boolean postgres;

    ClaimStatement(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.postgres = database.postgres();
    }

    /** The id of the call now claimed by {@code operatorId}, or empty when none is due. */
    Optional<Long> claimNext(long operatorId) {
        var now = PhoneCallRepository.now();
        if (postgres) {
            return jdbc.sql("UPDATE phone_call SET claimed_by = :me, claimed_at = :now, responsible_id = COALESCE(responsible_id, :me),"
                    + " version = version + 1 WHERE id = (SELECT id FROM phone_call WHERE " + CLAIMABLE + ORDER
                    + " LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id")
                    .param("me", operatorId).param("now", now).query(Long.class).optional();
        }
        while (true) {
            List<Long> candidates = jdbc.sql("SELECT id FROM phone_call WHERE " + CLAIMABLE + ORDER + " LIMIT " + H2_CANDIDATES)
                    .param("me", operatorId).param("now", now).query(Long.class).list();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (long id : candidates) {
                int won = jdbc.sql("UPDATE phone_call SET claimed_by = :me, claimed_at = :now, responsible_id = COALESCE(responsible_id, :me),"
                        + " version = version + 1 WHERE id = :id AND state = 'TODO' AND claimed_by IS NULL")
                        .param("me", operatorId).param("now", now).param("id", id).update();
                if (won == 1) {
                    return Optional.of(id);
                }
            }
            // Every candidate went to other operators meanwhile: look again.
        }
    }
}
