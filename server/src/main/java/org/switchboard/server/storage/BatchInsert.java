package org.switchboard.server.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Inserts many rows of one table in a single JDBC batch and returns their ids in row order. Imports create
 * thousands of rows: a round trip per row is what made them slow. On PostgreSQL the ids are taken from the
 * table's identity sequence first, in one query, and written explicitly, because asking the driver for
 * generated keys stops it from rewriting the batch into multi-row INSERTs (ten times slower); on H2 the
 * driver returns the batch's generated keys in order.
 */
@Component
public class BatchInsert {
    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public BatchInsert(JdbcTemplate jdbc, Database database) {
        this.jdbc = jdbc;
        this.postgres = database.postgres();
    }

    /**
     * {@code table} and {@code columns} (comma-separated, without {@code id}) are names from our code, never
     * input; each row holds one value per column. The table's key is an identity column named {@code id}.
     */
    public List<Long> insert(String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        String placeholders = "?" + ", ?".repeat(columns.split(",").length - 1);
        if (postgres) {
            List<Long> ids = jdbc.queryForList("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", Long.class,
                    table, rows.size());
            List<Object[]> withIds = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = new Object[rows.get(i).length + 1];
                row[0] = ids.get(i);
                System.arraycopy(rows.get(i), 0, row, 1, rows.get(i).length);
                withIds.add(row);
            }
            jdbc.batchUpdate("INSERT INTO " + table + " (id, " + columns + ") VALUES (?, " + placeholders + ")", withIds);
            return ids;
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(con -> con.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")",
                new String[] {"id"}), new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Object[] values = rows.get(i);
                        for (int v = 0; v < values.length; v++) {
                            StatementCreatorUtils.setParameterValue(ps, v + 1, SqlTypeValue.TYPE_UNKNOWN, values[v]);
                        }
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                }, keys);
        List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
        if (ids.size() != rows.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " keys for " + rows.size() + " rows");
        }
        return ids;
    }
}
