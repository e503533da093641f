package org.switchboard.server.storage;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics up with a bulk import. Autovacuum analyzes a table a minute or more
 * after it has grown; an import into a new installation multiplies a table's size many times within
 * seconds, and the planner, still believing the table nearly empty, answers every batch's lookups with
 * sequential scans (the first 100,000-call import ran at 170 rows a second). Called between committed
 * batches, this analyzes a table once the rows changed since its last analysis outnumber the rows it had
 * then, so an import analyzes each table a handful of times (sizes ×2, ×4, …), and a large table never.
 * Nothing to do on H2.
 */
@Component
public class FreshStatistics {
    private static final int MIN_CHANGES = 1_000;
    private final JdbcClient jdbc;
    private final boolean postgres;

    public FreshStatistics(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.postgres = database.postgres();
    }

    /** {@code tables} are names from our code; call outside a transaction, after a batch committed. */
    public void afterBulkWrite(List<String> tables) {
        if (!postgres) {
            return;
        }
        List<String> stale = jdbc.sql("""
                SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                WHERE s.relid IN (SELECT to_regclass(t) FROM unnest(CAST(:tables AS text[])) AS t)
                  AND s.n_mod_since_analyze > GREATEST(:min, c.reltuples)
                """).param("tables", tables.toArray(String[]::new)).param("min", MIN_CHANGES).query(String.class).list();
        for (String table : stale) {
            jdbc.sql("ANALYZE " + table).update();
        }
    }
}
