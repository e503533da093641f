package org.switchboard.server.phonecall;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.storage.Database;

/**
 * The call an operator works on now: the one she claimed and has not closed yet (opening the screen again
 * shows it again), else the next due call, claimed for her so that two operators never get the same one.
 * The only dialect difference of the call centre. On PostgreSQL it is one statement and one commit: a
 * data-modifying CTE that looks for her open claim and, when there is none, UPDATEs the row that a
 * {@code FOR UPDATE SKIP LOCKED} sub-select picked (a concurrent claimer skips the locked row instead of
 * waiting for it), returning the row with the names the screen shows. It used to be three statements; the
 * claim is the request operators wait on. H2 has no SKIP LOCKED in a sub-select of an UPDATE, so there it
 * is a conditional UPDATE ({@code … AND claimed_by IS NULL}) of one of the first candidates, retried on the
 * next when another operator won the row: H2 re-checks the condition after the winner's commit, so the
 * loser updates nothing.
 *
 * <p>On PostgreSQL the claim's commit does not wait for its WAL to reach the disk ({@code synchronous_commit}
 * off for this statement's transaction only, ADR 0025): the flush was a third of the claim's time on the
 * reference machine and most of its tail (p99 12–15 ms with it, 9.8 ms without). Other transactions see the
 * claim at once, as before, so two operators still never get the same call. What is given up: if
 * PostgreSQL itself crashes within a fraction of a second after a claim, that claim is lost and the call
 * is back in the queue; the operator who had it is refused her outcome (its version is gone) and reopens
 * the screen. Outcomes, conversions and every other write keep waiting for the flush.
 */
@Component
class ClaimStatement {
    /** Calls I may claim: mine, or unassigned ones of my teams; due, to do, not claimed. */
    private static final String CLAIMABLE = """
            state = 'TODO' AND claimed_by IS NULL AND (due_at IS NULL OR due_at <= :now)
            AND (responsible_id = :me OR (responsible_id IS NULL AND team_id IN (SELECT team_id FROM team_member WHERE user_id = :me)))
            """;
    private static final String ORDER = " ORDER BY priority DESC, due_at, id";
    private static final String CLAIM = "UPDATE phone_call SET claimed_by = :me, claimed_at = :now, responsible_id = COALESCE(responsible_id, :me),"
            + " version = version + 1";
    /**
     * The open claim, else a new one. The sub-select is gated by NOT EXISTS(mine) itself (a one-time filter)
     * so that an operator with an open claim does not even lock a candidate row. RETURNING gives the row as
     * updated; the joins add the case and Responsible names like {@link PhoneCallRepository#SELECT}.
     */
    private static final String POSTGRES_MINE_OR_NEXT = """
            WITH async_commit AS (
                SELECT set_config('synchronous_commit', 'off', true) AS synchronous_commit
            ), mine AS (
                SELECT id FROM phone_call WHERE claimed_by = :me AND state = 'TODO' ORDER BY claimed_at LIMIT 1
            ), claimed AS (
                %s WHERE id = (SELECT id FROM phone_call WHERE NOT EXISTS (SELECT 1 FROM mine) AND %s %s LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
            )
            SELECT pc.*, c.name AS case_name, u.display_name AS responsible_name
            FROM (SELECT * FROM claimed UNION ALL SELECT p.* FROM phone_call p JOIN mine ON mine.id = p.id) pc
            LEFT JOIN crm_case c ON c.id = pc.case_id LEFT JOIN app_user u ON u.id = pc.responsible_id
            CROSS JOIN async_commit
            """.formatted(CLAIM, CLAIMABLE, ORDER);
    private static final int H2_CANDIDATES = 40;
    private final JdbcClient jdbc;
    private final PhoneCallRepository calls;
    private final boolean postgres;

    ClaimStatement(JdbcClient jdbc, PhoneCallRepository calls, Database database) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.postgres = database.postgres();
    }

    /** The call {@code operatorId} works on now, claimed for her if it was not yet; empty when none is due. */
    Optional<PhoneCall> mineOrNext(long operatorId) {
        var now = PhoneCallRepository.now();
        if (postgres) {
            return jdbc.sql(POSTGRES_MINE_OR_NEXT).param("me", operatorId).param("now", now).query(PhoneCallRepository::map).optional();
        }
        Optional<PhoneCall> mine = calls.claimedBy(operatorId);
        if (mine.isPresent()) {
            return mine;
        }
        while (true) {
            List<Long> candidates = jdbc.sql("SELECT id FROM phone_call WHERE " + CLAIMABLE + ORDER + " LIMIT " + H2_CANDIDATES)
                    .param("me", operatorId).param("now", now).query(Long.class).list();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (long id : candidates) {
                int won = jdbc.sql(CLAIM + " WHERE id = :id AND state = 'TODO' AND claimed_by IS NULL")
                        .param("me", operatorId).param("now", now).param("id", id).update();
                if (won == 1) {
                    return calls.find(id);
                }
            }
            // Every candidate went to other operators meanwhile: look again.
        }
    }
}
