package org.switchboard.server.storage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics up with a bulk import. Autovacuum analyzes a table a minute or more
 * after it has grown; an import into a new installation multiplies a table's size many times within
 * seconds, and the planner, still believing the table nearly empty, answers every batch's lookups with
 * sequential scans (the first 100,000-call import ran at 170 rows a second). Called after each committed
 * batch with the rows it wrote, this analyzes a table once the rows written since its last analysis
 * outnumber the rows it had then ({@code pg_class.reltuples}), so an import analyzes each table a handful
 * of times (sizes ×2, ×4, …) and a large table never. The count is our own: the statistics collector's
 * {@code n_mod_since_analyze} reaches us up to a minute late from a busy connection. Nothing to do on H2.
 */
@Component
public class FreshStatistics {
    private static final long MIN_CHANGES = 1_000;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final Map<String, Long> writtenSinceAnalyze = new ConcurrentHashMap<>();

    public FreshStatistics(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.postgres = database.postgres();
    }

    /** {@code tables} are names from our code; call outside a transaction, after a batch of about {@code rows} rows committed. */
    public void afterBulkWrite(List<String> tables, long rows) {
        if (!postgres) {
            return;
        }
        for (String table : tables) {
            long written = writtenSinceAnalyze.merge(table, rows, Long::sum);
            if (written < MIN_CHANGES) {
                continue;
            }
            double known = jdbc.sql("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)").param(table).query(Double.class).optional()
                    .orElse(0.0);
            if (written > known) {
                jdbc.sql("ANALYZE " + table).update();
                writtenSinceAnalyze.put(table, 0L);
            }
        }
    }
}
